import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ChatSummary, ClassRoster, Messenger, PersonKind, RosterFamily, RosterPerson } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { RequestValidationException } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { ClassesService } from '../org/classes.service';
import { ensureStandardChats, syncMemberships } from '../progress/chat-memberships';
import { classesOfFamilies, recountClasses } from '../progress/class-counters';
import type { AddParentDto, CreateStudentDto, CreateSubjectChatDto, MoveStudentDto, UpdatePersonDto } from './dto/roster.dto';
import { normalizePhone, phoneHmac } from './phone';
import { loadClassChats, loadClassCounters, loadClassFamilies, loadPeople } from './roster-query';
import { ROSTER_SQL } from './roster.sql';

/** The family, school and district a new person goes into. */
interface Placement {
  familyId: string;
  schoolId: string;
  districtId: string;
}

/**
 * Families, students and parents. Every write that changes who counts where
 * (a new person, a move, an archive) ends by syncing the family's chat
 * memberships and recounting the classes involved, in the same transaction,
 * with the family's people locked first (people before classes, as everywhere).
 */
@Injectable()
export class RosterService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly classes: ClassesService,
    private readonly config: AppConfig,
  ) {}

  async classRoster(auth: AuthContext, classId: string, includeArchived: boolean): Promise<ClassRoster> {
    const schoolClass = await this.classes.get(auth, classId);
    const manager = this.dataSource.manager;
    const [school] = await manager.query<Array<{ messenger: Messenger }>>(ROSTER_SQL.schoolMessenger, [
      schoolClass.schoolId,
    ]);
    return {
      schoolClass,
      messenger: school.messenger,
      chats: await loadClassChats(manager, classId),
      counters: await loadClassCounters(manager, classId),
      families: await loadClassFamilies(manager, classId, includeArchived),
    };
  }

  /** A student in a new family, or in an existing one (a sibling), with up to two new parents. */
  async createStudent(auth: AuthContext, classId: string, dto: CreateStudentDto): Promise<RosterFamily> {
    const schoolClass = await this.access.requireClass(auth, classId, 'read');
    if (dto.familyId) {
      const family = await this.access.requireFamily(auth, dto.familyId);
      if (family.schoolId !== schoolClass.schoolId) {
        throw RequestValidationException.forField('familyId', 'familyId must be a family of the same school');
      }
    }
    const hashes = {
      student: this.hashPhone(dto.phone, 'phone'),
      parents: (dto.parents ?? []).map((parent, index) => this.hashPhone(parent.phone, `parents.${index}.phone`)),
    };
    const familyId = await this.dataSource.transaction(async (manager) => {
      const placement: Placement = {
        familyId: dto.familyId ?? (await this.createFamily(manager, schoolClass.schoolId, schoolClass.districtId)),
        schoolId: schoolClass.schoolId,
        districtId: schoolClass.districtId,
      };
      await this.lockFamily(manager, placement.familyId);
      await this.insertPerson(manager, placement, 'student', dto.displayName, hashes.student, classId);
      for (const [index, parent] of (dto.parents ?? []).entries()) {
        await this.insertPerson(manager, placement, 'parent', parent.displayName, hashes.parents[index] ?? null, null);
      }
      await ensureStandardChats(manager, [classId]);
      await this.resettle(manager, placement.familyId, [classId]);
      return placement.familyId;
    });
    return this.family(familyId, classId);
  }

  async addParent(auth: AuthContext, familyId: string, dto: AddParentDto): Promise<RosterPerson> {
    const family = await this.access.requireFamily(auth, familyId);
    const hash = this.hashPhone(dto.phone, 'phone');
    const personId = await this.dataSource.transaction(async (manager) => {
      await this.lockFamily(manager, familyId);
      const id = await this.insertPerson(manager, { ...family, familyId }, 'parent', dto.displayName, hash, null);
      await this.resettle(manager, familyId, []);
      return id;
    });
    return this.person(personId);
  }

  async updatePerson(auth: AuthContext, personId: string, dto: UpdatePersonDto): Promise<RosterPerson> {
    await this.access.requirePerson(auth, personId);
    const hash = dto.phone === null ? null : this.hashPhone(dto.phone, 'phone');
    await this.dataSource.transaction(async (manager) => {
      await this.lockVersion(manager, personId, dto.version);
      await manager.query(
        `UPDATE person SET
           display_name = COALESCE($2, display_name),
           phone_hmac = CASE WHEN $3 THEN $4::bytea ELSE phone_hmac END,
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [personId, dto.displayName ?? null, dto.phone !== undefined, hash],
      );
    });
    return this.person(personId);
  }

  /** A student to another class of the same school; their parents follow in the counters and chats. */
  async moveStudent(auth: AuthContext, personId: string, dto: MoveStudentDto): Promise<RosterPerson> {
    const person = await this.access.requirePerson(auth, personId);
    if (person.kind !== 'student') throw new ConflictException('Only a student moves between classes');
    const target = await this.access.requireClass(auth, dto.classId, 'read');
    if (target.schoolId !== person.schoolId) throw RequestValidationException.forField('classId', 'classId must be a class of the same school');
    if (target.archivedAt) throw RequestValidationException.forField('classId', 'classId is an archived class');
    await this.dataSource.transaction(async (manager) => {
      await this.lockFamily(manager, person.familyId);
      await this.lockVersion(manager, personId, dto.version);
      const before = await classesOfFamilies(manager, [person.familyId]);
      await manager.query(`UPDATE person SET class_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
        personId,
        dto.classId,
      ]);
      await ensureStandardChats(manager, [dto.classId]);
      await this.resettle(manager, person.familyId, before);
    });
    return this.person(personId);
  }

  /** Archived people keep their history but count nowhere; restoring brings them back. */
  async setArchived(auth: AuthContext, personId: string, version: number, archived: boolean): Promise<RosterPerson> {
    const person = await this.access.requirePerson(auth, personId);
    await this.dataSource.transaction(async (manager) => {
      await this.lockFamily(manager, person.familyId);
      await this.lockVersion(manager, personId, version);
      const before = await classesOfFamilies(manager, [person.familyId]);
      await manager.query(
        `UPDATE person SET archived_at = CASE WHEN $2 THEN COALESCE(archived_at, now()) END,
                           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [personId, archived],
      );
      await this.resettle(manager, person.familyId, before);
    });
    return this.person(personId);
  }

  async createSubjectChat(auth: AuthContext, classId: string, dto: CreateSubjectChatDto): Promise<ChatSummary> {
    const schoolClass = await this.access.requireClass(auth, classId, 'read');
    const chatId = await this.dataSource.transaction(async (manager) => {
      let rows: Array<{ id: string }>;
      try {
        rows = await manager.query<Array<{ id: string }>>(
          `INSERT INTO chat (district_id, school_id, class_id, kind, name) VALUES ($1, $2, $3, 'subject', $4) RETURNING id`,
          [schoolClass.districtId, schoolClass.schoolId, classId, dto.name],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictException('This class already has a chat for that subject');
        throw error;
      }
      await ensureStandardChats(manager, [classId]);
      const families = await manager.query<Array<{ family_id: string }>>(
        `SELECT DISTINCT family_id FROM person WHERE class_id = $1 ORDER BY family_id`,
        [classId],
      );
      await this.lockFamilies(manager, families.map((row) => row.family_id));
      await syncMemberships(manager, families.map((row) => row.family_id));
      await recountClasses(manager, [classId]);
      return rows[0].id;
    });
    const chats = await loadClassChats(this.dataSource.manager, classId);
    return chats.find((chat) => chat.id === chatId)!;
  }

  private hashPhone(phone: string | undefined, field: string): Buffer | null {
    if (phone === undefined || phone.trim() === '') return null;
    const normalized = normalizePhone(phone);
    if (!normalized) throw RequestValidationException.forField(field, `${field} is not a phone number`);
    return phoneHmac(this.config.PHONE_HMAC_KEY, normalized);
  }

  private async createFamily(manager: EntityManager, schoolId: string, districtId: string): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO family (school_id, district_id) VALUES ($1, $2) RETURNING id`,
      [schoolId, districtId],
    );
    return rows[0].id;
  }

  private async insertPerson(
    manager: EntityManager,
    placement: Placement,
    kind: PersonKind,
    displayName: string,
    hash: Buffer | null,
    classId: string | null,
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name, phone_hmac)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [placement.districtId, placement.schoolId, placement.familyId, classId, kind, displayName, hash],
    );
    const id = rows[0].id;
    await manager.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id)
       SELECT $1, step, $2, $3 FROM unnest(ARRAY['vk_id', 'sferum_profile', 'messenger']) AS step`,
      [id, placement.districtId, placement.schoolId],
    );
    return id;
  }

  /** The family's people, in id order: the first lock of every structural change. */
  private lockFamily(manager: EntityManager, familyId: string): Promise<unknown> {
    return this.lockFamilies(manager, [familyId]);
  }

  private lockFamilies(manager: EntityManager, familyIds: string[]): Promise<unknown> {
    return manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [familyIds]);
  }

  private async lockVersion(manager: EntityManager, personId: string, version: number): Promise<void> {
    const rows = await manager.query<Array<{ version: number }>>(`SELECT version FROM person WHERE id = $1 FOR NO KEY UPDATE`, [
      personId,
    ]);
    if (!rows[0]) throw new NotFoundException('Person not found');
    if (rows[0].version !== version) {
      throw new ConflictException('Someone else has just changed this person: reload to see their change, then try again');
    }
  }

  /** Chats and counters after the family's people moved: the classes before and after are recounted. */
  private async resettle(manager: EntityManager, familyId: string, classesBefore: string[]): Promise<void> {
    await syncMemberships(manager, [familyId]);
    const after = await classesOfFamilies(manager, [familyId]);
    await recountClasses(manager, [...classesBefore, ...after]);
  }

  private async person(personId: string): Promise<RosterPerson> {
    const [person] = await loadPeople(this.dataSource.manager, [personId], null);
    return person;
  }

  private async family(familyId: string, classId: string): Promise<RosterFamily> {
    const ids = await this.dataSource.query<Array<{ id: string }>>(`SELECT id FROM person WHERE family_id = $1`, [familyId]);
    const people = await loadPeople(this.dataSource.manager, ids.map((row) => row.id), classId);
    const byName = (a: RosterPerson, b: RosterPerson) => a.displayName.localeCompare(b.displayName, 'ru');
    return {
      id: familyId,
      students: people.filter((p) => p.kind === 'student').sort(byName),
      parents: people.filter((p) => p.kind === 'parent').sort(byName),
    };
  }
}
