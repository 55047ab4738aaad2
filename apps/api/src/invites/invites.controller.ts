import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type FamilyInvite,
  type IssueInvitesRequest,
  FamilyInviteListSchema,
  ROUTES,
} from '@sferum/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsUUID } from 'class-validator';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { InvitesService } from './invites.service';
import { Responds, RespondsEmpty } from '../common/contract/responds.decorator';

class IssueInvitesDto implements IssueInvitesRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  familyIds!: string[];

  @IsOptional()
  @IsBoolean()
  regenerate?: boolean;
}

@ApiTags('invites')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class InvitesController {
  constructor(private readonly invites: InvitesService) {}

  @Get(ROUTES.classes.invites)
  @Responds(FamilyInviteListSchema, {
    description: 'Every family of the class: no link yet, issued, opened, or steps confirmed by the parent.',
  })
  list(@Auth() auth: AuthContext, @UuidParam('classId') classId: string): Promise<FamilyInvite[]> {
    return this.invites.list(auth, classId);
  }

  @Post(ROUTES.classes.invites)
  @HttpCode(HttpStatus.OK)
  @Responds(FamilyInviteListSchema, {
    description: 'Links for the families; with regenerate, earlier links stop working.',
  })
  issue(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: IssueInvitesDto,
  ): Promise<FamilyInvite[]> {
    return this.invites.issue(auth, classId, dto.familyIds, dto.regenerate ?? false);
  }

  @Post(ROUTES.families.inviteRevoke)
  @HttpCode(HttpStatus.NO_CONTENT)
  @RespondsEmpty({ description: 'The family’s link stops working at once.' })
  revoke(@Auth() auth: AuthContext, @UuidParam('familyId') familyId: string): Promise<void> {
    return this.invites.revoke(auth, familyId);
  }

  @Post(ROUTES.families.reminded)
  @HttpCode(HttpStatus.NO_CONTENT)
  @RespondsEmpty()
  markReminded(@Auth() auth: AuthContext, @UuidParam('familyId') familyId: string): Promise<void> {
    return this.invites.markReminded(auth, familyId);
  }
}
