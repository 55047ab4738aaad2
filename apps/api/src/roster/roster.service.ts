import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import {
  formatClassName,
  PathCatalogue,
  stepIdsOf,
  type ChatSummary,
  type ClassRoster,
  type FamilyMatch,
  type OnboardingPath,
  type RosterFamily,
  type RosterPerson,
} from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { RequestValidationException } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { SchoolPaths } from '../paths/school-paths.service';
import type {
  AddParentDto,
  CreateStudentDto,
  CreateSubjectChatDto,
  FamilyMatchDto,
  MoveStudentDto,
  UpdatePersonDto,
} from './dto/roster.dto';
import { checkInviteUrl, parseInviteHosts } from './chat-invite-url';
import { normalizePhone, phoneHmac } from './phone';
import { PeopleViewRepository } from '../progress/people-view.repository';
import { ChatMembershipsRepository } from '../progress/chat-memberships.repository';
import { ClassCountersRepository } from '../progress/class-counters.repository';
import { ClassChatsRepository } from './class-chats.repository';
import { RosterRepository, type PersonPlacement } from './roster.repository';
import { firstRow } from '../database/rows';

/**
 * Families, students and parents. Every write that changes who counts where
 * (a new person, a move, an archive) ends by syncing the family's chat
 * memberships and recounting the classes involved, in the same transaction,
 * with the school's path read first (SchoolPaths: a switch waits for it), then
 * the family's people locked (people before classes, as everywhere).
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
    private readonly schoolPaths: SchoolPaths,
    private readonly counters: ClassCountersRepository,
    private readonly chats: ChatMembershipsRepository,
    private readonly peopleView: PeopleViewRepository,
    private readonly people: RosterRepository,
    private readonly classChats: ClassChatsRepository,
    private readonly catalogue: PathCatalogue,
  ) {
    this.inviteHosts = parseInviteHosts(config.CHAT_INVITE_HOSTS);
  }

  private readonly inviteHosts: Map<string, string[]>;

  /** The class page: the access check, then one statement (PeopleViewRepository.loadClassView). */
  async classRoster(auth: AuthContext, classId: string, includeArchived: boolean): Promise<ClassRoster> {
    await this.access.requireAccess(auth, 'class.read', classId);
    const roster = await this.peopleView.loadClassView(
      this.dataSource.manager,
      this.catalogue,
      classId,
      includeArchived,
    );
    // Deleted between the two statements.
    if (!roster) throw new NotFoundException('Class not found');
    return roster;
  }

  /**
   * Whether a parent typed for a new student already is a parent of the school
   * (the same name, ё and е alike, and the same phone): the teacher is offered
   * that family instead of a second copy of the parent. Only the classes of
   * that family's children are told, never their names.
   */
  async familyMatch(auth: AuthContext, classId: string, dto: FamilyMatchDto): Promise<FamilyMatch> {
    const schoolClass = await this.access.requireAccess(auth, 'class.work', classId);
    const found = await this.matchingParent(this.dataSource.manager, schoolClass.schoolId, dto.parents);
    if (!found) return { match: null };
    const classes = await this.people.classesOfFamilyStudents(found.familyId);
    return {
      match: { parentName: found.displayName, classes: classes.map((c) => formatClassName(c.grade, c.letter)) },
    };
  }

  /** A student in a new family, or in an existing one (a sibling), with up to two new parents. */
  async createStudent(auth: AuthContext, classId: string, dto: CreateStudentDto): Promise<RosterFamily> {
    const schoolClass = await this.access.requireAccess(auth, 'class.work', classId);
    if (dto.joinFamilyOfParent && !dto.familyId) {
      const found = await this.matchingParent(this.dataSource.manager, schoolClass.schoolId, dto.parents ?? []);
      if (found) {
        // The known parent is not added again; the other parents given join the family.
        const others = (dto.parents ?? []).filter((_, index) => index !== found.index);
        return this.createStudentIn(schoolClass, classId, { ...dto, familyId: found.familyId, parents: others });
      }
    }
    if (dto.familyId) {
      const family = await this.access.requireAccess(auth, 'family.work', dto.familyId);
      if (family.schoolId !== schoolClass.schoolId) {
        throw RequestValidationException.forField('familyId', 'familyId must be a family of the same school');
      }
    }
    return this.createStudentIn(schoolClass, classId, dto);
  }

  private async createStudentIn(
    schoolClass: { schoolId: string; districtId: string },
    classId: string,
    dto: CreateStudentDto,
  ): Promise<RosterFamily> {
    const hashes = {
      student: this.hashPhone(dto.phone, 'phone'),
      parents: (dto.parents ?? []).map((parent, index) => this.hashPhone(parent.phone, `parents.${index}.phone`)),
    };
    const familyId = await this.dataSource.transaction(async (manager) => {
      const path = await this.schoolPaths.lockedForChange(manager, schoolClass.schoolId);
      const placement: PersonPlacement = {
        familyId:
          dto.familyId ?? (await this.people.createFamily(manager, schoolClass.schoolId, schoolClass.districtId)),
        schoolId: schoolClass.schoolId,
        districtId: schoolClass.districtId,
      };
      const steps = stepIdsOf(path);
      await this.lockFamily(manager, placement.familyId);
      await this.people.insertPerson(
        manager,
        placement,
        { kind: 'student', displayName: dto.displayName, phoneHmac: hashes.student, classId },
        steps,
      );
      for (const [index, parent] of (dto.parents ?? []).entries()) {
        const person = {
          kind: 'parent' as const,
          displayName: parent.displayName,
          phoneHmac: hashes.parents[index] ?? null,
          classId: null,
        };
        await this.people.insertPerson(manager, placement, person, steps);
      }
      await this.chats.ensureStandardChats(manager, path, [classId]);
      await this.resettle(manager, placement.familyId, [classId]);
      return placement.familyId;
    });
    return this.family(familyId, classId);
  }

  async addParent(auth: AuthContext, familyId: string, dto: AddParentDto): Promise<RosterPerson> {
    const family = await this.access.requireAccess(auth, 'family.work', familyId);
    const hash = this.hashPhone(dto.phone, 'phone');
    const personId = await this.dataSource.transaction(async (manager) => {
      const path = await this.schoolPaths.lockedForChange(manager, family.schoolId);
      await this.lockFamily(manager, familyId);
      const placement = { familyId, schoolId: family.schoolId, districtId: family.districtId };
      const person = { kind: 'parent' as const, displayName: dto.displayName, phoneHmac: hash, classId: null };
      const id = await this.people.insertPerson(manager, placement, person, stepIdsOf(path));
      await this.resettle(manager, familyId, []);
      return id;
    });
    return this.person(personId);
  }

  async updatePerson(auth: AuthContext, personId: string, dto: UpdatePersonDto): Promise<RosterPerson> {
    await this.access.requireAccess(auth, 'person.work', personId);
    const hash = dto.phone === null ? null : this.hashPhone(dto.phone, 'phone');
    await this.dataSource.transaction(async (manager) => {
      await this.lockVersion(manager, personId, dto.version);
      await this.people.updateNameAndPhone(manager, personId, dto.displayName ?? null, dto.phone !== undefined, hash);
    });
    return this.person(personId);
  }

  /** A student to another class of the same school; their parents follow in the counters and chats. */
  async moveStudent(auth: AuthContext, personId: string, dto: MoveStudentDto): Promise<RosterPerson> {
    const person = await this.access.requireAccess(auth, 'person.work', personId);
    if (person.kind !== 'student') throw new ConflictException('Only a student moves between classes');
    const target = await this.access.requireAccess(auth, 'class.work', dto.classId);
    if (target.schoolId !== person.schoolId)
      throw RequestValidationException.forField('classId', 'classId must be a class of the same school');
    if (target.archivedAt) throw RequestValidationException.forField('classId', 'classId is an archived class');
    await this.dataSource.transaction(async (manager) => {
      const path = await this.schoolPaths.lockedForChange(manager, person.schoolId);
      await this.lockFamily(manager, person.familyId);
      await this.lockVersion(manager, personId, dto.version);
      const before = await this.counters.classesOfFamilies(manager, [person.familyId]);
      await this.people.moveToClass(manager, personId, dto.classId);
      await this.chats.ensureStandardChats(manager, path, [dto.classId]);
      await this.resettle(manager, person.familyId, before);
    });
    return this.person(personId);
  }

  /** Archived people keep their history but count nowhere; restoring brings them back. */
  async setArchived(auth: AuthContext, personId: string, version: number, archived: boolean): Promise<RosterPerson> {
    const person = await this.access.requireAccess(auth, 'person.work', personId);
    await this.dataSource.transaction(async (manager) => {
      await this.lockFamily(manager, person.familyId);
      await this.lockVersion(manager, personId, version);
      const before = await this.counters.classesOfFamilies(manager, [person.familyId]);
      await this.people.setArchived(manager, personId, archived);
      await this.resettle(manager, person.familyId, before);
    });
    return this.person(personId);
  }

  async createSubjectChat(auth: AuthContext, classId: string, dto: CreateSubjectChatDto): Promise<ChatSummary> {
    const schoolClass = await this.access.requireAccess(auth, 'class.work', classId);
    const chatId = await this.dataSource.transaction(async (manager) => {
      const path = await this.schoolPaths.lockedForChange(manager, schoolClass.schoolId);
      let id: string;
      try {
        id = await this.classChats.insertSubjectChat(manager, {
          districtId: schoolClass.districtId,
          schoolId: schoolClass.schoolId,
          classId,
          name: dto.name,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictException('This class already has a chat for that subject');
        throw error;
      }
      await this.chats.ensureStandardChats(manager, path, [classId]);
      const families = await this.people.familiesOfClass(manager, classId);
      await this.people.lockFamilies(manager, families);
      await this.chats.syncMemberships(manager, families);
      await this.counters.recount(manager, [classId]);
      return id;
    });
    const chats = await this.peopleView.loadClassChats(this.dataSource.manager, classId);
    return chats.find((chat) => chat.id === chatId)!;
  }

  async setChatInvite(auth: AuthContext, chatId: string, url: string | null): Promise<ChatSummary> {
    const chat = await this.access.requireAccess(auth, 'chat.work', chatId);
    const path = await this.schoolPaths.of(this.dataSource.manager, chat.schoolId);
    const checked = url === null || url.trim() === '' ? null : checkInviteUrl(url, path, this.inviteHosts);
    await this.classChats.setInviteUrl(chatId, checked);
    return this.classChats.summary(chatId);
  }

  /** The first parent given who is an active parent of the school with the same name and phone. */
  private async matchingParent(
    manager: EntityManager,
    schoolId: string,
    parents: ReadonlyArray<{ displayName: string; phone?: string }>,
  ): Promise<{ familyId: string; displayName: string; index: number } | null> {
    for (const [index, parent] of parents.entries()) {
      const hash = this.hashPhone(parent.phone, `parents.${index}.phone`);
      if (!hash) continue;
      // By the phone's hash first (indexed), then the name compared as people write it.
      const candidates = await this.people.activeParentsByPhone(manager, schoolId, hash);
      const found = candidates.find((candidate) => sameName(candidate.displayName, parent.displayName));
      if (found) return { ...found, index };
    }
    return null;
  }

  private hashPhone(phone: string | undefined, field: string): Buffer | null {
    if (phone === undefined || phone.trim() === '') return null;
    const normalized = normalizePhone(phone);
    if (!normalized) throw RequestValidationException.forField(field, `${field} is not a phone number`);
    return phoneHmac(this.config.PHONE_HMAC_KEY, normalized);
  }

  /** The family's people, in id order: the first lock of every structural change. */
  private lockFamily(manager: EntityManager, familyId: string): Promise<void> {
    return this.people.lockFamilies(manager, [familyId]);
  }

  private async lockVersion(manager: EntityManager, personId: string, version: number): Promise<void> {
    const current = await this.people.lockVersion(manager, personId);
    if (current === null) throw new NotFoundException('Person not found');
    if (current !== version) {
      throw new ConflictException(
        'Someone else has just changed this person: reload to see their change, then try again',
      );
    }
  }

  /** Chats and counters after the family's people moved: the classes before and after are recounted. */
  private async resettle(manager: EntityManager, familyId: string, classesBefore: string[]): Promise<void> {
    await this.chats.syncMemberships(manager, [familyId]);
    const after = await this.counters.classesOfFamilies(manager, [familyId]);
    await this.counters.recount(manager, [...classesBefore, ...after]);
  }

  private async person(personId: string): Promise<RosterPerson> {
    const manager = this.dataSource.manager;
    const people = await this.peopleView.loadPeople(manager, await this.pathOfPerson(personId), [personId], null);
    return firstRow(people, 'the person');
  }

  private async pathOfPerson(personId: string): Promise<OnboardingPath> {
    const schoolId = await this.people.schoolOfPerson(personId);
    if (schoolId === null) throw new NotFoundException('Person not found');
    return this.schoolPaths.of(this.dataSource.manager, schoolId);
  }

  private async family(familyId: string, classId: string): Promise<RosterFamily> {
    const members = await this.people.peopleOfFamily(familyId);
    const path = await this.schoolPaths.of(this.dataSource.manager, firstRow(members, 'the family’s people').schoolId);
    const people = await this.peopleView.loadPeople(
      this.dataSource.manager,
      path,
      members.map((member) => member.id),
      classId,
    );
    const byName = (a: RosterPerson, b: RosterPerson) => a.displayName.localeCompare(b.displayName, 'ru');
    return {
      id: familyId,
      students: people.filter((p) => p.kind === 'student').sort(byName),
      parents: people.filter((p) => p.kind === 'parent').sort(byName),
    };
  }
}

/** Names as people type them: case, ё and е, and spaces do not matter. */
function sameName(a: string, b: string): boolean {
  const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('ru-RU').replaceAll('ё', 'е');
  return normal(a) === normal(b);
}
