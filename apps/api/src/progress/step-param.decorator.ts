import { Param, ParseEnumPipe } from '@nestjs/common';
import { STEP_IDS } from '@sferum/contracts';
import { RequestValidationException } from '../common/validation';

/** The `:step` route parameter: one of the step ids, or a 400 naming it. */
export const StepParam = (): ParameterDecorator =>
  Param(
    'step',
    new ParseEnumPipe(Object.fromEntries(STEP_IDS.map((step) => [step, step])), {
      exceptionFactory: () =>
        RequestValidationException.forField('step', `step must be one of ${STEP_IDS.join(', ')}`),
    }),
  );
