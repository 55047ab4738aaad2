import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCookieAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type ChatSummary,
  type ClassRoster,
  type FamilyMatch,
  type RosterFamily,
  type RosterPerson,
  ChatSummarySchema,
  ClassRosterSchema,
  FamilyMatchSchema,
  ROUTES,
  RosterFamilySchema,
  RosterPersonSchema,
} from '@sferum/contracts';
import { IsIn, IsOptional } from 'class-validator';
import type { AuthContext } from '../auth/auth-context';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import {
  AddParentDto,
  CreateStudentDto,
  CreateSubjectChatDto,
  FamilyMatchDto,
  MoveStudentDto,
  SetChatInviteDto,
  UpdatePersonDto,
  VersionDto,
} from './dto/roster.dto';
import { RosterService } from './roster.service';
import { Responds } from '../common/contract/responds.decorator';

class RosterQueryDto {
  @IsOptional()
  @IsIn(['true', 'false'])
  includeArchived?: 'true' | 'false';
}

@ApiTags('roster')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  @Get(ROUTES.classes.roster)
  @ApiQuery({ name: 'includeArchived', required: false, enum: ['true', 'false'] })
  @Responds(ClassRosterSchema, {
    description: 'The class page: families with every person’s steps and chats, the chats, the counters.',
  })
  classRoster(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Query() query: RosterQueryDto,
  ): Promise<ClassRoster> {
    return this.roster.classRoster(auth, classId, query.includeArchived === 'true');
  }

  @Post(ROUTES.classes.students)
  @Responds(RosterFamilySchema, {
    status: HttpStatus.CREATED,
    description: 'The family with the new student (and parents).',
  })
  createStudent(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: CreateStudentDto,
  ): Promise<RosterFamily> {
    return this.roster.createStudent(auth, classId, dto);
  }

  @Post(ROUTES.classes.familyMatch)
  @HttpCode(HttpStatus.OK)
  @Responds(FamilyMatchSchema, {
    description:
      'Whether a parent typed for a new student is already a parent of the school (same name and phone): the classes of that family’s children, no names.',
  })
  familyMatch(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: FamilyMatchDto,
  ): Promise<FamilyMatch> {
    return this.roster.familyMatch(auth, classId, dto);
  }

  @Post(ROUTES.classes.chats)
  @Responds(ChatSummarySchema, {
    status: HttpStatus.CREATED,
    description: 'A subject chat; the class’s students join its list as not joined.',
  })
  createSubjectChat(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: CreateSubjectChatDto,
  ): Promise<ChatSummary> {
    return this.roster.createSubjectChat(auth, classId, dto);
  }

  @Put(ROUTES.chats.inviteLink)
  @Responds(ChatSummarySchema, {
    description:
      'Stores the chat’s invitation link (https, on a host of the school’s path) for the parents’ page. ' +
      'A class or subject chat: its class’s teachers; the school chat: the school’s admins (a teacher gets 403).',
  })
  setChatInvite(
    @Auth() auth: AuthContext,
    @UuidParam('chatId') chatId: string,
    @Body() dto: SetChatInviteDto,
  ): Promise<ChatSummary> {
    return this.roster.setChatInvite(auth, chatId, dto.url);
  }

  @Post(ROUTES.families.parents)
  @Responds(RosterPersonSchema, { status: HttpStatus.CREATED })
  addParent(
    @Auth() auth: AuthContext,
    @UuidParam('familyId') familyId: string,
    @Body() dto: AddParentDto,
  ): Promise<RosterPerson> {
    return this.roster.addParent(auth, familyId, dto);
  }

  @Patch(ROUTES.people.one)
  @ApiConflictResponse({ description: 'Stale version.' })
  @Responds(RosterPersonSchema)
  update(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<RosterPerson> {
    return this.roster.updatePerson(auth, personId, dto);
  }

  @Post(ROUTES.people.move)
  @HttpCode(HttpStatus.OK)
  @Responds(RosterPersonSchema)
  move(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @Body() dto: MoveStudentDto,
  ): Promise<RosterPerson> {
    return this.roster.moveStudent(auth, personId, dto);
  }

  @Post(ROUTES.people.archive)
  @HttpCode(HttpStatus.OK)
  @Responds(RosterPersonSchema)
  archive(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @Body() dto: VersionDto,
  ): Promise<RosterPerson> {
    return this.roster.setArchived(auth, personId, dto.version, true);
  }

  @Post(ROUTES.people.restore)
  @HttpCode(HttpStatus.OK)
  @Responds(RosterPersonSchema)
  restore(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @Body() dto: VersionDto,
  ): Promise<RosterPerson> {
    return this.roster.setArchived(auth, personId, dto.version, false);
  }
}
