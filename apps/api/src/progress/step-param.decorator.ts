import { Param, type PipeTransform } from '@nestjs/common';
import { CATALOGUE_ID_PATTERN } from '@sferum/contracts';
import { RequestValidationException } from '../common/validation';

/**
 * The `:step` route parameter, shaped like a step id, or a 400 naming it.
 * Whether it is a step of the school's path is the service's check (400 too).
 */
const stepShape: PipeTransform<string, string> = {
  transform(value: string): string {
    if (!CATALOGUE_ID_PATTERN.test(value))
      throw RequestValidationException.forField('step', 'step must be a step id of the school’s path');
    return value;
  },
};

export const StepParam = (): ParameterDecorator => Param('step', stepShape);
