import { Body, Controller, Get, Headers, Put, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { PARENT_TOKEN_HEADER, type ParentFamily, type StepId, ParentFamilySchema, ROUTES } from '@sferum/contracts';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { OptOutDto, ParentStatusDto } from '../progress/dto/set-status.dto';
import { StepParam } from '../progress/step-param.decorator';
import { ParentService } from './parent.service';
import { Responds } from '../common/contract/responds.decorator';

/**
 * What the parent page reads and writes. The link's token travels in a header
 * from the web server, never in an API URL, so no proxy or log keeps it.
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
  @Responds(ParentFamilySchema, { description: 'The family after the change.' })
  @ApiConflictResponse({
    description:
      'code changed_by_school: the school changed the step since `seen`; code opted_out: the person does not use Sferum/MAX.',
  })
  setStep(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @UuidParam('personId') personId: string,
    @StepParam() step: StepId,
    @Body() dto: ParentStatusDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily> {
    noStore(response);
    return this.parent.setStatus(token, request.ip ?? 'unknown', personId, { step }, dto);
  }

  @Put(ROUTES.parent.chat)
  @Responds(ParentFamilySchema)
  setChat(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @UuidParam('personId') personId: string,
    @UuidParam('chatId') chatId: string,
    @Body() dto: ParentStatusDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily> {
    noStore(response);
    return this.parent.setStatus(token, request.ip ?? 'unknown', personId, { chatId }, dto);
  }

  @Put(ROUTES.parent.personOptOut)
  @Responds(ParentFamilySchema, {
    description:
      'The family after the change: the person does not use Sferum/MAX (with the channel the school uses instead), or does again.',
  })
  setPersonOptOut(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @UuidParam('personId') personId: string,
    @Body() dto: OptOutDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily> {
    noStore(response);
    return this.parent.setOptOut(token, request.ip ?? 'unknown', personId, dto);
  }

  @Put(ROUTES.parent.familyOptOut)
  @Responds(ParentFamilySchema, { description: 'The family after the change, for every person of the family at once.' })
  setFamilyOptOut(
    @Headers(PARENT_TOKEN_HEADER) token: string | undefined,
    @Body() dto: OptOutDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ParentFamily> {
    noStore(response);
    return this.parent.setOptOut(token, request.ip ?? 'unknown', null, dto);
  }
}

function noStore(response: Response): void {
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('Referrer-Policy', 'no-referrer');
}
