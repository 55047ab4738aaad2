import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { API_ROUTES, PREFER_HEADER, PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL } from '@sferum/contracts';
import request from 'supertest';
import { validatedProperties } from '../src/common/contract/request-schemas';
import { RESPONSE_CONTRACT, type ResponseContract } from '../src/common/contract/responds.decorator';
import { createTestApp } from './support/test-app';

type Json = Record<string, unknown>;
type Class = abstract new (...args: never[]) => unknown;

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Json }> };
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: Json }>;
  responses?: Record<
    string,
    { description?: string; content?: Record<string, { schema?: Json }>; headers?: Record<string, { schema?: Json }> }
  >;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Json> };
}

/** A route as the application serves it, with the classes its body and query are validated by. */
interface AppRoute {
  name: string;
  method: string;
  path: string;
  body?: Class;
  query?: Class;
  /** what @Responds (or RespondsEmpty, RespondsWithFile) declared; undefined without one */
  contract: ResponseContract | undefined;
}

function appRoutes(app: NestExpressApplication): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const type = controller.metatype as Type;
      const prefix = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined || name === 'constructor') continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const full = ['api', prefix, path]
          .filter((part) => part && part !== '/')
          .join('/')
          .replace(/:(\w+)/g, '{$1}');
        const route: AppRoute = {
          name: `${type.name}.${name}`,
          method,
          path: `/${full}`,
          contract: Reflect.getMetadata(RESPONSE_CONTRACT, handler) as ResponseContract | undefined,
        };
        const parameterTypes = (Reflect.getMetadata('design:paramtypes', type.prototype, name) ?? []) as Class[];
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, name) ?? {}) as Record<string, { index: number }>;
        for (const [key, { index }] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]) as RouteParamtypes;
          if (kind === RouteParamtypes.BODY) route.body = parameterTypes[index];
          if (kind === RouteParamtypes.QUERY) route.query = parameterTypes[index];
        }
        routes.push(route);
      }
    }
  }
  return routes;
}

describe('the OpenAPI document against the routes', () => {
  let app: NestExpressApplication;
  let document: OpenApiDocument;
  let routes: AppRoute[];

  beforeAll(async () => {
    app = await createTestApp();
    document = (await request(app.getHttpServer()).get(API_ROUTES.docsJson).expect(200)).body as OpenApiDocument;
    routes = appRoutes(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const resolve = (schema: Json | undefined): Json | undefined => {
    const ref = schema?.$ref;
    if (typeof ref !== 'string') return schema;
    return document.components?.schemas?.[ref.replace('#/components/schemas/', '')];
  };
  const operationOf = (route: AppRoute): Operation | undefined => document.paths[route.path]?.[route.method];
  const typed = (property: unknown): boolean =>
    typeof property === 'object' &&
    property !== null &&
    ['type', '$ref', 'allOf', 'oneOf', 'anyOf', 'enum'].some((key) => key in property);

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(70);
  });

  it('documents every route of the application', () => {
    const missing = routes.filter((route) => !operationOf(route)).map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
  });

  it('declares the answer of every route with @Responds, RespondsEmpty or RespondsWithFile', () => {
    expect(routes.filter((route) => route.contract === undefined).map((route) => route.name)).toEqual([]);
  });

  it('gives every route a success response with a schema (or a described 204 without a body)', () => {
    const without = routes.filter((route) => {
      const responses = Object.entries(operationOf(route)?.responses ?? {}).filter(([status]) =>
        /^2\d\d$/.test(status),
      );
      if (responses.length === 0) return true;
      return responses.some(([status, response]) => {
        // Swagger's own default for an undeclared 204 has an empty description.
        if (status === '204') return response.content !== undefined || !response.description;
        const media = Object.values(response.content ?? {});
        return media.length === 0 || media.some((type) => !typed(type.schema));
      });
    });
    expect(without.map((route) => `${route.name} (${route.method} ${route.path})`)).toEqual([]);
  });

  it('documents `Prefer: return=minimal` where a parent’s change honours it: the optional header, and 204 with Preference-Applied', () => {
    const minimal = routes.filter((route) => route.contract?.kind === 'json' && route.contract.returnMinimal);
    expect(minimal.map((route) => route.name).sort()).toEqual([
      'ParentController.setChat',
      'ParentController.setFamilyOptOut',
      'ParentController.setPersonOptOut',
      'ParentController.setStep',
    ]);
    const problems = minimal.flatMap((route) => {
      const operation = operationOf(route);
      const prefer = operation?.parameters?.filter(
        (parameter) => parameter.in === 'header' && parameter.name === PREFER_HEADER,
      );
      const noContent = operation?.responses?.['204'];
      return [
        ...(prefer?.length === 1 &&
        prefer[0]?.required === false &&
        (prefer[0].schema?.enum as unknown[] | undefined)?.includes(RETURN_MINIMAL)
          ? []
          : [`${route.name}: the optional ${PREFER_HEADER} header naming ${RETURN_MINIMAL}`]),
        ...(noContent && !noContent.content && noContent.headers?.[PREFERENCE_APPLIED_HEADER]
          ? []
          : [`${route.name}: 204 without a body, with ${PREFERENCE_APPLIED_HEADER}`]),
        ...(operation?.responses?.['200']?.content?.['application/json'] ? [] : [`${route.name}: 200 with the family`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('gives every route with a body a request schema naming each validated property, with its type', () => {
    const problems = routes.flatMap((route) => {
      if (!route.body) return [];
      const content = Object.values(operationOf(route)?.requestBody?.content ?? {});
      const schema = resolve(content[0]?.schema);
      const properties = (schema?.properties ?? {}) as Json;
      return [...validatedProperties(route.body).keys()]
        .filter((property) => !typed(properties[property]))
        .map((property) => `${route.name}: body.${property}`);
    });
    expect(problems).toEqual([]);
  });

  it('gives every route with a query class a parameter for each validated property', () => {
    const problems = routes.flatMap((route) => {
      if (!route.query) return [];
      const parameters = (operationOf(route)?.parameters ?? []).filter((parameter) => parameter.in === 'query');
      return [...validatedProperties(route.query).keys()]
        .filter((property) => !parameters.some((parameter) => parameter.name === property && typed(parameter.schema)))
        .map((property) => `${route.name}: query.${property}`);
    });
    expect(problems).toEqual([]);
  });
});
