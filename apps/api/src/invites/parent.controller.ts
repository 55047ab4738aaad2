import { Body, Controller, Get, Headers, HttpStatus, Put, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import {
  PARENT_TOKEN_HEADER,
  PREFER_HEADER,
  PREFERENCE_APPLIED_HEADER,
  RETURN_MINIMAL,
  type ParentFamily,
  type StepId,
  ParentFamilySchema,
  ROUTES,
} from '@sferum/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { prefersReturnMinimal } from '../common/prefer-header';
import { UuidParam } from '../common/uuid-param.decorator';
import { OptOutDto, ParentStatusDto } from '../progress/dto/set-status.dto';
import { StepParam } from '../progress/step-param.decorator';
import { ParentService, type AfterChange } from './parent.service';
import { Responds } from '../common/contract/responds.decorator';

/** What a change's 204 leaves out. */
const NOT_READ_BACK = 'the family is not read back.';

/**
 * What the parent page reads and writes. The link's token travels in a header
 * from the web server, never in an API URL, so no proxy or log keeps it.
 * A change answers the family after it, or, asked `Prefer: return=minimal`
 * (the web's forms, which redirect to the page and read it there), 204.
 */
@ApiTags('parent link')
@ApiHeader({
  name: PARENT_TOKEN_HEADER,
  required: true,
  description: 'The token of the family’s link, or its short code (any case, dashes optional)',
})
@Public()
@Controller()
export class ParentController {
  constructor(private readonly parent: ParentService) {}

  @Get(ROUTES.parent.family)
  @Responds(ParentFamilySchema, { description: 'The family’s people with their steps and chats, and nothing else.' })
  @ApiNotFoundResponse({ description: 'Unknown, expired or revoked link: always the same answer.' })
  family(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily> {
    noStore(response);
    return this.parent.open(token, request.ip ?? 'unknown');
  }

  @Put(ROUTES.parent.step)
  @Responds(ParentFamilySchema, { description: 'The family after the change.', returnMinimal: NOT_READ_BACK })
  @ApiConflictResponse({
    description:
      'code changed_by_school: the school changed the step since `seen`; code opted_out: the person does not use Sferum/MAX.',
  })
  setStep(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @Headers(PREFER_HEADER) prefer: string | undefined,
    @UuidParam('personId') personId: string,
    @StepParam() step: StepId,
    @Body() dto: ParentStatusDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily | undefined> {
    return changed(prefer, response, (after) =>
      this.parent.setStatus(token, request.ip ?? 'unknown', personId, { step }, dto, after),
    );
  }

  @Put(ROUTES.parent.chat)
  @Responds(ParentFamilySchema, { returnMinimal: NOT_READ_BACK })
  setChat(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @Headers(PREFER_HEADER) prefer: string | undefined,
    @UuidParam('personId') personId: string,
    @UuidParam('chatId') chatId: string,
    @Body() dto: ParentStatusDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily | undefined> {
    return changed(prefer, response, (after) =>
      this.parent.setStatus(token, request.ip ?? 'unknown', personId, { chatId }, dto, after),
    );
  }

  @Put(ROUTES.parent.personOptOut)
  @Responds(ParentFamilySchema, {
    description:
      'The family after the change: the person does not use Sferum/MAX (with the channel the school uses instead), or does again.',
    returnMinimal: NOT_READ_BACK,
  })
  setPersonOptOut(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @Headers(PREFER_HEADER) prefer: string | undefined,
    @UuidParam('personId') personId: string,
    @Body() dto: OptOutDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily | undefined> {
    return changed(prefer, response, (after) =>
      this.parent.setOptOut(token, request.ip ?? 'unknown', personId, dto, after),
    );
  }

  @Put(ROUTES.parent.familyOptOut)
  @Responds(ParentFamilySchema, {
    description: 'The family after the change, for every person of the family at once.',
    returnMinimal: NOT_READ_BACK,
  })
  setFamilyOptOut(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @Headers(PREFER_HEADER) prefer: string | undefined,
    @Body() dto: OptOutDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily | undefined> {
    return changed(prefer, response, (after) =>
      this.parent.setOptOut(token, request.ip ?? 'unknown', null, dto, after),
    );
  }
}

/**
 * A parent's change: the family read back after it, or, asked
 * `Prefer: return=minimal`, 204 with `Preference-Applied` and no read. The
 * status is set only once the change is done, so that a refusal answers as
 * it would without the preference.
 */
async function changed(
  prefer: string | undefined,
  response: Response,
  change: (after: AfterChange) => Promise<ParentFamily | undefined>,
): Promise<ParentFamily | undefined> {
  noStore(response);
  const minimal = prefersReturnMinimal(prefer);
  const family = await change({ readBack: !minimal });
  if (minimal) {
    response.status(HttpStatus.NO_CONTENT);
    response.setHeader(PREFERENCE_APPLIED_HEADER, RETURN_MINIMAL);
  }
  return family;
}

function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
}
