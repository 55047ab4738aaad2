import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldError } from '@sferum/contracts';

/** Flattens nested class-validator errors into one entry per field path. */
export function toFieldErrors(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own: FieldError[] = error.constraints
      ? [{ field, messages: Object.values(error.constraints) }]
      : [];
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
