import type { INestApplication, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

type Schema = Record<string, unknown>;

/** A class, as validation and OpenAPI know it by its constructor. */
type Class = abstract new (...args: never[]) => unknown;

/** Where @nestjs/swagger keeps a property's @ApiProperty options. */
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

/** What one class-validator check says about a value, as OpenAPI says it. */
const CHECKS: Record<string, (constraints: unknown[]) => Schema> = {
  isString: () => ({ type: 'string' }),
  isInt: () => ({ type: 'integer' }),
  isNumber: () => ({ type: 'number' }),
  isBoolean: () => ({ type: 'boolean' }),
  isIn: ([values]) => ({ enum: [...(values as unknown[])] }),
  isEnum: ([values]) => ({ enum: Object.values(values as object) }),
  isUuid: () => ({ type: 'string', format: 'uuid' }),
  isEmail: () => ({ type: 'string', format: 'email' }),
  isIso8601: () => ({ type: 'string', format: 'date-time' }),
  isDateString: () => ({ type: 'string', format: 'date-time' }),
  min: ([minimum]) => ({ minimum }),
  max: ([maximum]) => ({ maximum }),
  minLength: ([minLength]) => ({ minLength }),
  maxLength: ([maxLength]) => ({ maxLength }),
  isLength: ([minLength, maxLength]) => ({ minLength, ...(maxLength === undefined ? {} : { maxLength }) }),
  matches: ([pattern]) => ({ pattern: pattern instanceof RegExp ? pattern.source : String(pattern) }),
  isArray: () => ({ type: 'array' }),
  arrayMinSize: ([minItems]) => ({ minItems }),
  arrayMaxSize: ([maxItems]) => ({ maxItems }),
  arrayUnique: () => ({ uniqueItems: true }),
  isObject: () => ({ type: 'object' }),
};

/**
 * The request DTOs are class-validator classes (implementing the contract's
 * request types); their OpenAPI schemas are generated from the same
 * class-validator metadata that validates requests, so the document cannot
 * promise what validation does not check. Every class a controller takes as a
 * parameter (bodies and queries) gets its properties documented this way, its
 * nested classes too; a hand-written @ApiProperty keeps only what validation
 * cannot tell (a description, an example, `nullable`).
 */
export function documentRequestClasses(app: INestApplication): void {
  const done = new Set<Class>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const controller of module.controllers.values()) {
      const prototype = (controller.metatype as Type | null)?.prototype as object | undefined;
      if (!prototype) continue;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const parameterTypes = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as unknown[];
        for (const parameterType of parameterTypes) {
          if (typeof parameterType === 'function') documentClass(parameterType as Class, done);
        }
      }
    }
  }
}

/** The validated properties of a class, inherited ones included, by name. */
export function validatedProperties(target: Class): Map<string, ValidationMetadata[]> {
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(target, '', true, false)) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  return byProperty;
}

function documentClass(target: Class, done: Set<Class>): void {
  if (done.has(target)) return;
  done.add(target);
  const prototype = target.prototype as object;
  for (const [property, checks] of validatedProperties(target)) {
    const options = propertySchema(target, property, checks, done);
    // A hand-written format says more than validation can ("date" where the check is ISO 8601).
    const written = Reflect.getMetadata(SWAGGER_PROPERTY, prototype, property) as Schema | undefined;
    if (written?.format) delete options.format;
    ApiProperty(options)(prototype, property);
  }
}

function propertySchema(
  target: Class,
  property: string,
  checks: ValidationMetadata[],
  done: Set<Class>,
): ApiPropertyOptions & Schema {
  const own: Schema = {};
  const items: Schema = {};
  let required = true;
  let nested: Class | undefined;
  for (const check of checks) {
    if (check.type === ValidationTypes.CONDITIONAL_VALIDATION) {
      if (check.name === 'isOptional') required = false;
      continue;
    }
    if (check.type === ValidationTypes.NESTED_VALIDATION) {
      nested = nestedClassOf(target, property);
      continue;
    }
    const describe = check.name ? CHECKS[check.name] : undefined;
    if (!describe) continue;
    Object.assign(check.each ? items : own, describe(check.constraints ?? []));
  }
  if (nested) documentClass(nested, done);
  const isArray =
    own.type === 'array' || Reflect.getMetadata('design:type', target.prototype as object, property) === Array;
  if (isArray) {
    const { type: _array, ...arrayChecks } = own;
    return { required, isArray: true, ...(nested ? { type: nested } : items), ...arrayChecks };
  }
  return { required, ...(nested ? { type: nested } : {}), ...own, ...(typeFromEnum(own) ?? {}) };
}

/** An enum of strings is a string: said, so that OpenAPI does not guess from the TypeScript type. */
function typeFromEnum(schema: Schema): Schema | undefined {
  const values = schema.enum as unknown[] | undefined;
  if (!values || schema.type) return undefined;
  return values.every((value) => typeof value === 'string') ? { type: 'string' } : undefined;
}

function nestedClassOf(target: Class, property: string): Class | undefined {
  const typeMetadata = defaultMetadataStorage.findTypeMetadata(target, property);
  const nested = typeMetadata?.typeFunction();
  return typeof nested === 'function' ? (nested as Class) : undefined;
}
