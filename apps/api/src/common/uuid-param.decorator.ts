import { Param, ParseUUIDPipe } from '@nestjs/common';
import { RequestValidationException } from './validation';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => RequestValidationException.forField(name, `${name} must be a UUID`),
    }),
  );
