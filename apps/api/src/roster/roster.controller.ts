import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SESSION_COOKIE, type ChatSummary, type ClassRoster, type FamilyMatch, type RosterFamily, type RosterPerson } from '@sferum/contracts';
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

  @Get('classes/:classId/roster')
  @ApiQuery({ name: 'includeArchived', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ description: 'The class page: families with every person’s steps and chats, the chats, the counters.' })
  classRoster(@Auth() auth: AuthContext, @UuidParam('classId') classId: string, @Query() query: RosterQueryDto): Promise<ClassRoster> {
    return this.roster.classRoster(auth, classId, query.includeArchived === 'true');
  }

  @Post('classes/:classId/students')
  @ApiCreatedResponse({ description: 'The family with the new student (and parents).' })
  createStudent(@Auth() auth: AuthContext, @UuidParam('classId') classId: string, @Body() dto: CreateStudentDto): Promise<RosterFamily> {
    return this.roster.createStudent(auth, classId, dto);
  }

  @Post('classes/:classId/students/family-match')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'Whether a parent typed for a new student is already a parent of the school (same name and phone): the classes of that family’s children, no names.' })
  familyMatch(@Auth() auth: AuthContext, @UuidParam('classId') classId: string, @Body() dto: FamilyMatchDto): Promise<FamilyMatch> {
    return this.roster.familyMatch(auth, classId, dto);
  }

  @Post('classes/:classId/chats')
  @ApiCreatedResponse({ description: 'A subject chat; the class’s students join its list as not joined.' })
  createSubjectChat(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: CreateSubjectChatDto,
  ): Promise<ChatSummary> {
    return this.roster.createSubjectChat(auth, classId, dto);
  }

  @Put('chats/:chatId/invite-link')
  @ApiOkResponse({
    description:
      'Stores the chat’s invitation link (https, on a host of the school’s path) for the parents’ page. ' +
      'A class or subject chat: its class’s teachers; the school chat: the school’s admins (a teacher gets 403).',
  })
  setChatInvite(@Auth() auth: AuthContext, @UuidParam('chatId') chatId: string, @Body() dto: SetChatInviteDto): Promise<ChatSummary> {
    return this.roster.setChatInvite(auth, chatId, dto.url);
  }

  @Post('families/:familyId/parents')
  @ApiCreatedResponse()
  addParent(@Auth() auth: AuthContext, @UuidParam('familyId') familyId: string, @Body() dto: AddParentDto): Promise<RosterPerson> {
    return this.roster.addParent(auth, familyId, dto);
  }

  @Patch('people/:personId')
  @ApiConflictResponse({ description: 'Stale version.' })
  update(@Auth() auth: AuthContext, @UuidParam('personId') personId: string, @Body() dto: UpdatePersonDto): Promise<RosterPerson> {
    return this.roster.updatePerson(auth, personId, dto);
  }

  @Post('people/:personId/move')
  @HttpCode(HttpStatus.OK)
  move(@Auth() auth: AuthContext, @UuidParam('personId') personId: string, @Body() dto: MoveStudentDto): Promise<RosterPerson> {
    return this.roster.moveStudent(auth, personId, dto);
  }

  @Post('people/:personId/archive')
  @HttpCode(HttpStatus.OK)
  archive(@Auth() auth: AuthContext, @UuidParam('personId') personId: string, @Body() dto: VersionDto): Promise<RosterPerson> {
    return this.roster.setArchived(auth, personId, dto.version, true);
  }

  @Post('people/:personId/restore')
  @HttpCode(HttpStatus.OK)
  restore(@Auth() auth: AuthContext, @UuidParam('personId') personId: string, @Body() dto: VersionDto): Promise<RosterPerson> {
    return this.roster.setArchived(auth, personId, dto.version, false);
  }
}
