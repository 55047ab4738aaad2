import { Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import {
  SESSION_COOKIE,
  type BulkProgressResult,
  type MemberListPreview,
  type MemberListResult,
  type PersonChangeResult,
  type ProgressEvent,
  type StepId,
  ROLE_MARKS_AS,
  BulkProgressResultSchema,
  MemberListPreviewSchema,
  MemberListResultSchema,
  PersonChangeResultSchema,
  ProgressEventListSchema,
  ROUTES,
} from '@sferum/contracts';
import { SchoolPaths } from '../paths/school-paths.service';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { RequestValidationException } from '../common/validation';
import { ClassCountersRepository } from './class-counters.repository';
import { PeopleViewRepository } from './people-view.repository';
import {
  BulkProgressDto,
  FamilyOptOutDto,
  MemberListCommitDto,
  MemberListDto,
  SetOptOutDto,
  SetStatusDto,
} from './dto/set-status.dto';
import { MemberListsService } from './member-lists.service';
import { HistoryRepository } from './history.repository';
import type { Target } from './progress-plan';
import { toOptOutChoice, toRequestedChange } from './progress-requests';
import { StepParam } from './step-param.decorator';
import { ProgressRepository } from './progress.repository';
import { ProgressService, type Actor } from './progress.service';
import { Responds } from '../common/contract/responds.decorator';
import { firstRow } from '../database/rows';

@ApiTags('progress')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class ProgressController {
  constructor(
    private readonly progress: ProgressService,
    private readonly access: AccessPolicy,
    private readonly dataSource: DataSource,
    private readonly schoolPaths: SchoolPaths,
    private readonly memberLists: MemberListsService,
    private readonly peopleView: PeopleViewRepository,
    private readonly store: ProgressRepository,
    private readonly events: HistoryRepository,
    private readonly counters: ClassCountersRepository,
  ) {}

  @Put(ROUTES.people.step)
  @Responds(PersonChangeResultSchema, {
    description:
      'The person after the change (earlier steps follow a step marked done), and the counters of the classes they count in.',
  })
  @ApiConflictResponse({ description: 'Stale version, archived person, or later steps still done.' })
  async setStep(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @StepParam() step: StepId,
    @Body() dto: SetStatusDto,
  ): Promise<PersonChangeResult> {
    return this.setOne(auth, personId, { step }, dto);
  }

  @Put(ROUTES.people.chat)
  @Responds(PersonChangeResultSchema, {
    description:
      'The person after the change (joining a chat marks every step done), and the counters of the classes they count in.',
  })
  async setChat(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @UuidParam('chatId') chatId: string,
    @Body() dto: SetStatusDto,
  ): Promise<PersonChangeResult> {
    return this.setOne(auth, personId, { chatId }, dto);
  }

  /** One step (or chat) for many people of a class, all or nothing. */
  @Post(ROUTES.classes.progress)
  @HttpCode(HttpStatus.OK)
  @Responds(BulkProgressResultSchema)
  async bulk(
    @Auth() auth: AuthContext,
    @UuidParam('classId') classId: string,
    @Body() dto: BulkProgressDto,
  ): Promise<BulkProgressResult> {
    const schoolClass = await this.access.requireAccess(auth, 'class.work', classId);
    if ((dto.step === undefined) === (dto.chatId === undefined)) {
      throw RequestValidationException.forField('step', 'give either step or chatId');
    }
    const target: Target = dto.step ? { step: dto.step } : { chatId: dto.chatId! };
    const change = toRequestedChange(target, dto);
    const personIds = dto.people.map((person) => person.personId);
    if (new Set(personIds).size !== personIds.length) {
      throw RequestValidationException.forField('people', 'each person only once');
    }
    await this.requireMembersOfClass(classId, personIds);
    await this.progress.apply(
      dto.people.map((person) => ({ personId: person.personId, expectedVersion: person.version, change })),
      actorOf(auth),
    );
    return this.changed(schoolClass.schoolId, personIds, classId);
  }

  /**
   * "Does not use Sferum/MAX", with the channel the school uses instead, or
   * back. Not a blocker: the person's steps stay as they were.
   */
  @Put(ROUTES.people.optOut)
  @Responds(PersonChangeResultSchema, {
    description: 'The person after the change, and the counters of the classes they count in.',
  })
  @ApiConflictResponse({ description: 'Stale version or archived person.' })
  async setOptOut(
    @Auth() auth: AuthContext,
    @UuidParam('personId') personId: string,
    @Body() dto: SetOptOutDto,
  ): Promise<PersonChangeResult> {
    const person = await this.access.requireAccess(auth, 'person.work', personId);
    await this.progress.setOptOut([{ personId, expectedVersion: dto.version }], toOptOutChoice(dto), actorOf(auth));
    return this.changedOne(person.schoolId, personId, person.classId);
  }

  /** The same for every person of a family at once, all or nothing. */
  @Put(ROUTES.families.optOut)
  @Responds(BulkProgressResultSchema, {
    description: 'The family’s people after the change, and the counters of the classes they count in.',
  })
  async setFamilyOptOut(
    @Auth() auth: AuthContext,
    @UuidParam('familyId') familyId: string,
    @Body() dto: FamilyOptOutDto,
  ): Promise<BulkProgressResult> {
    const family = await this.access.requireAccess(auth, 'family.work', familyId);
    const choice = toOptOutChoice(dto);
    const members = await this.store.familyMemberIds(familyId);
    const given = new Set(dto.people.map((person) => person.personId));
    if (given.size !== dto.people.length || members.length !== given.size || members.some((id) => !given.has(id))) {
      throw RequestValidationException.forField(
        'people',
        'people must list every person of the family once, with the version seen',
      );
    }
    await this.progress.setOptOut(
      dto.people.map((person) => ({ personId: person.personId, expectedVersion: person.version })),
      choice,
      actorOf(auth),
    );
    return this.changed(family.schoolId, [...given], null);
  }

  @Post(ROUTES.chats.membersPreview)
  @HttpCode(HttpStatus.OK)
  @Responds(MemberListPreviewSchema, {
    description:
      'Matches a member list copied from MAX or Sferum to the chat’s people (ё and е alike, surname and first name in either order, ' +
      'patronymic optional, parents and students apart where the list says so): matched, already joined, ambiguous, unknown. Writes nothing.',
  })
  previewMembers(
    @Auth() auth: AuthContext,
    @UuidParam('chatId') chatId: string,
    @Body() dto: MemberListDto,
  ): Promise<MemberListPreview> {
    return this.memberLists.preview(auth, chatId, dto.text);
  }

  @Post(ROUTES.chats.membersCommit)
  @HttpCode(HttpStatus.OK)
  @Responds(MemberListResultSchema, {
    description: 'Marks the given people as joined (source member_list), in one transaction; removes nobody.',
  })
  commitMembers(
    @Auth() auth: AuthContext,
    @UuidParam('chatId') chatId: string,
    @Body() dto: MemberListCommitDto,
  ): Promise<MemberListResult> {
    return this.memberLists.commit(auth, chatId, dto.personIds);
  }

  @Get(ROUTES.people.history)
  @Responds(ProgressEventListSchema)
  async history(@Auth() auth: AuthContext, @UuidParam('personId') personId: string): Promise<ProgressEvent[]> {
    await this.access.requireAccess(auth, 'person.work', personId);
    return this.events.forPerson(personId);
  }

  private async setOne(
    auth: AuthContext,
    personId: string,
    target: Target,
    dto: SetStatusDto,
  ): Promise<PersonChangeResult> {
    const person = await this.access.requireAccess(auth, 'person.work', personId);
    await this.progress.apply(
      [{ personId, expectedVersion: dto.version, change: toRequestedChange(target, dto) }],
      actorOf(auth),
    );
    return this.changedOne(person.schoolId, personId, person.classId);
  }

  private async changedOne(schoolId: string, personId: string, classId: string | null): Promise<PersonChangeResult> {
    const { updated, classes } = await this.changed(schoolId, [personId], classId);
    return { person: firstRow(updated, 'the changed person'), classes };
  }

  /**
   * The people after a change, and the counters of every class they count in:
   * all the class page needs to show it without fetching the roster again.
   */
  private async changed(schoolId: string, personIds: string[], classId: string | null): Promise<BulkProgressResult> {
    const manager = this.dataSource.manager;
    const [updated, classes] = await Promise.all([
      this.schoolPaths
        .of(manager, schoolId)
        .then((path) => this.peopleView.loadPeople(manager, path, personIds, classId)),
      this.counters
        .classesOfPeople(manager, personIds)
        .then((classIds) => this.peopleView.loadCountersOfClasses(manager, classIds)),
    ]);
    return { updated, classes };
  }

  /** Students of the class and parents of its families; anyone else is not found here. */
  private async requireMembersOfClass(classId: string, personIds: string[]): Promise<void> {
    const members = await this.store.membersOfClass(classId, personIds);
    if (members.length !== personIds.length) throw new NotFoundException('Person not found in this class');
  }
}

function actorOf(auth: AuthContext): Actor {
  return { source: ROLE_MARKS_AS[auth.role], staffId: auth.userId };
}
