import {
  ArgumentMetadata,
  BadRequestException,
  Injectable,
  PipeTransform,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import type { FieldError } from '@sferum/contracts';

/** Flattens nested class-validator errors into one entry per field path. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return own.concat(toFieldErrors(error.children ?? [], field));
  });
}

export class RequestValidationException extends BadRequestException {
  constructor(readonly details: FieldError[]) {
    super(`Invalid request: ${details.map((detail) => detail.field).join(', ')}`);
  }

  /** A 400 about one field, for rules that class-validator cannot see. */
  static forField(field: string, message: string): RequestValidationException {
    return new RequestValidationException([{ field, messages: [message] }]);
  }
}

/** Unknown fields are refused, known ones converted to their declared types. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new RequestValidationException(toFieldErrors(errors)),
  });
}

/**
 * PostgreSQL's text cannot hold a NUL character: a string with one is refused
 * here, with its field, before it can reach the database as a 500.
 */
@Injectable()
export class NoNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const field = findNul(value, metadata.data ?? '');
    if (field !== undefined) {
      throw RequestValidationException.forField(
        field || 'body',
        `${field || 'the request'} must not contain NUL characters`,
      );
    }
    return value;
  }
}

function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNul(item, path ? `${path}.${index}` : String(index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = findNul(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
