import { isDeepStrictEqual } from 'node:util';
import { HttpStatus, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ApiErrorBodySchema } from '@sferum/contracts';
import type { Request, Response } from 'express';
import type { Observable } from 'rxjs';
import * as z from 'zod/mini';
import { RESPONSE_CONTRACT, type ResponseContract } from '../../src/common/contract/responds.decorator';

/** The answers of this test file that broke their route's contract; afterEach fails the test on any (contract-setup.ts). */
const violations: string[] = [];

export function takeContractViolations(): string[] {
  return violations.splice(0);
}

/**
 * Registered only in the e2e test app: every JSON body a route sends is
 * checked, as the client receives it, against the schema its @Responds names
 * (libs/contracts), and an error body against ApiErrorBody. A body that does
 * not match, or has a field the schema does not know, is replaced by a 500
 * naming the difference, so the test that made the request fails. The check
 * sits on `send`, which `json` ends in, so that a body serialized before
 * (the reports' JSON, sent as bytes) is checked as well.
 */
export class ContractCheckInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<ResponseContract | undefined>(RESPONSE_CONTRACT, context.getHandler());
    const request = context.switchToHttp().getRequest<Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? request.path}`;
    const send = response.send.bind(response);
    response.send = (body?: unknown) => {
      if (!isJsonText(response, body)) return send(body);
      const problem = contractProblem(
        contract,
        response.statusCode,
        JSON.parse(typeof body === 'string' ? body : body.toString('utf8')),
      );
      if (!problem) return send(body);
      violations.push(`${route} → ${response.statusCode}: ${problem}`);
      response.status(HttpStatus.INTERNAL_SERVER_ERROR);
      response.setHeader('Content-Type', 'application/json; charset=utf-8');
      return send(
        JSON.stringify({ statusCode: 500, error: 'Response breaks its contract', message: `${route}: ${problem}` }),
      );
    };
    return next.handle();
  }
}

/** A body sent as JSON text (a string, or bytes: `json` sends the first, a body serialized before the second). */
function isJsonText(response: Response, body: unknown): body is string | Buffer {
  const type = response.get('Content-Type') ?? '';
  return (typeof body === 'string' || Buffer.isBuffer(body)) && /^application\/json\b/.test(type);
}

function contractProblem(contract: ResponseContract | undefined, status: number, body: unknown): string | null {
  // What the client receives: dates become strings, undefined fields disappear.
  const wire: unknown = JSON.parse(JSON.stringify(body) ?? 'null');
  if (contract?.kind === 'json' && contract.statuses.includes(status)) return mismatch(contract.schema, wire, true);
  if (status >= 400) return mismatch(ApiErrorBodySchema, wire, false);
  if (!contract) return 'the route declares no @Responds';
  if (contract.kind !== 'json') return `the route declares ${contract.kind}, yet sent JSON`;
  return `status ${status}, declared ${contract.statuses.join(', ')}`;
}

/** Why the body does not match; `exact`: a field the schema does not name is a mismatch too. */
function mismatch(schema: z.ZodMiniType, wire: unknown, exact: boolean): string | null {
  const result = z.safeParse(schema, wire);
  if (!result.success) return z.prettifyError(result.error);
  if (exact && !isDeepStrictEqual(result.data, wire))
    return `fields the contract does not name: ${extraFields(result.data, wire).join(', ')}`;
  return null;
}

function extraFields(parsed: unknown, wire: unknown, at = ''): string[] {
  if (Array.isArray(parsed) && Array.isArray(wire))
    return wire.flatMap((item, index) => extraFields(parsed[index], item, `${at}[${index}]`));
  if (!isObject(parsed) || !isObject(wire)) return [];
  return Object.keys(wire).flatMap((key) =>
    key in parsed ? extraFields(parsed[key], wire[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
