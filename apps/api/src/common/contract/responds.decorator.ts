import { applyDecorators, HttpStatus, SetMetadata } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { ContentObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { PREFER_HEADER, PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL } from '@sferum/contracts';
import * as z from 'zod/mini';

/** The metadata key of a route's answer: what the e2e tests check every body against. */
export const RESPONSE_CONTRACT = 'sferum:response-contract';

/** What a route answers on success, as declared by one of the decorators below. */
export type ResponseContract =
  | { kind: 'json'; statuses: readonly HttpStatus[]; schema: z.ZodMiniType; returnMinimal: boolean }
  | { kind: 'empty'; status: HttpStatus.NO_CONTENT }
  | { kind: 'file'; status: HttpStatus; contentTypes: readonly string[] };

interface RespondsOptions {
  /** the success status; 200 unless the route answers otherwise (a POST that creates: 201) */
  status?: HttpStatus;
  description?: string;
  /** the route also answers the same figures as CSV (`Accept: text/csv` or `?format=csv`) */
  csv?: boolean;
  /** another status answered with a body of the same schema (the health check's 503) */
  alsoOn?: { status: HttpStatus; description: string };
  /** asked `Prefer: return=minimal` (RFC 7240), the route answers 204 without the body instead: what it then leaves out */
  returnMinimal?: string;
}

interface DescribedOptions {
  description?: string;
}

/** The OpenAPI 3.0 schema of a contract schema: generated, so the document and the contract cannot differ. */
export function openApiSchemaOf(schema: z.ZodMiniType): SchemaObject {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io: 'output',
    reused: 'inline',
  });
  return jsonSchema as SchemaObject;
}

/**
 * The route answers a JSON body of this contract schema (libs/contracts): the
 * OpenAPI response is generated from it, and the e2e test app checks every
 * answer of the route against it.
 */
export function Responds(schema: z.ZodMiniType, options: RespondsOptions = {}): MethodDecorator {
  const status = options.status ?? HttpStatus.OK;
  const json = { schema: openApiSchemaOf(schema) };
  const content: ContentObject = options.csv
    ? { 'application/json': json, 'text/csv': { schema: { type: 'string' } } }
    : { 'application/json': json };
  const also = options.alsoOn ? [options.alsoOn] : [];
  const contract: ResponseContract = {
    kind: 'json',
    statuses: [status, ...also.map((other) => other.status)],
    schema,
    returnMinimal: options.returnMinimal !== undefined,
  };
  return applyDecorators(
    SetMetadata(RESPONSE_CONTRACT, contract),
    ApiResponse({ status, description: options.description ?? 'OK', content }),
    ...also.map((other) => ApiResponse({ status: other.status, description: other.description, content })),
    ...(options.returnMinimal === undefined ? [] : returnMinimalDocumented(options.returnMinimal)),
  );
}

/** The `Prefer` request header and the 204 it asks for, with `Preference-Applied` (RFC 7240). */
function returnMinimalDocumented(leftOut: string): MethodDecorator[] {
  const value: SchemaObject = { type: 'string', enum: [RETURN_MINIMAL] };
  return [
    ApiHeader({
      name: PREFER_HEADER,
      required: false,
      description: `\`${RETURN_MINIMAL}\` (RFC 7240): answer 204 without a body; ${leftOut}`,
      schema: value,
    }),
    ApiResponse({
      status: HttpStatus.NO_CONTENT,
      description: `Done, as asked by \`Prefer: ${RETURN_MINIMAL}\`: no body; ${leftOut}`,
      headers: { [PREFERENCE_APPLIED_HEADER]: { description: 'The preference applied.', schema: value } },
    }),
  ];
}

/** The route answers 204 without a body. */
export function RespondsEmpty({ description = 'Done; no body.' }: DescribedOptions = {}): MethodDecorator {
  const contract: ResponseContract = { kind: 'empty', status: HttpStatus.NO_CONTENT };
  return applyDecorators(
    SetMetadata(RESPONSE_CONTRACT, contract),
    ApiResponse({ status: HttpStatus.NO_CONTENT, description }),
  );
}

/** The route answers a file (a spreadsheet) of one of these types. */
export function RespondsWithFile(
  contentTypes: readonly string[],
  { description = 'The file.' }: DescribedOptions = {},
): MethodDecorator {
  const contract: ResponseContract = { kind: 'file', status: HttpStatus.OK, contentTypes };
  const content: ContentObject = Object.fromEntries(
    contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  );
  return applyDecorators(
    SetMetadata(RESPONSE_CONTRACT, contract),
    ApiResponse({ status: HttpStatus.OK, description, content }),
  );
}
