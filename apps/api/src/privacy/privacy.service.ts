import { Injectable, Logger } from '@nestjs/common';
import type { EraseSchoolRequest, SchoolErasureResult } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { RequestValidationException } from '../common/validation';
import { ClassCountersRepository } from '../progress/class-counters.repository';

/** Everything stored about one family, for a subject access request (152-ФЗ, art. 14). */
export interface FamilyDataExport {
  exportedAt: string;
  family: { id: string; createdAt: string; lastRemindedAt: string | null };
  people: Array<Record<string, unknown>>;
  links: Array<Record<string, unknown>>;
  note: string;
}

/**
 * The rights of the families whose data we hold: to see all of it, and to have
 * it erased (a family, or a whole class or school at the end of the year).
 * Erasing keeps the aggregates and snapshots, which hold no names.
 */
@Injectable()
export class PrivacyService {
  private readonly logger = new Logger(PrivacyService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly counters: ClassCountersRepository,
  ) {}

  async exportFamily(auth: AuthContext, familyId: string): Promise<FamilyDataExport> {
    const family = await this.requireFamilyAdmin(auth, familyId);
    const [row] = await this.dataSource.query<Array<{ created_at: Date; last_reminded_at: Date | null }>>(
      `SELECT created_at, last_reminded_at FROM family WHERE id = $1`,
      [family.id],
    );
    const people = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT p.id, p.kind, p.display_name AS "displayName",
              CASE WHEN c.id IS NULL THEN NULL ELSE c.grade::text || c.letter END AS "class",
              p.phone_hmac IS NOT NULL AS "phoneGiven", p.archived_at AS "archivedAt", p.created_at AS "createdAt",
              CASE WHEN p.opted_out_at IS NOT NULL THEN json_build_object('at', p.opted_out_at, 'channel', p.opt_out_channel,
                                                                          'note', p.opt_out_note, 'by', p.opt_out_source) END AS "optOut",
              (SELECT json_agg(json_build_object('step', s.step, 'status', s.status, 'blockerReason', s.blocker_reason,
                                                 'blockerNote', s.blocker_note, 'updatedAt', s.updated_at, 'updatedBy', s.updated_source))
               FROM person_step s WHERE s.person_id = p.id) AS steps,
              (SELECT COALESCE(json_agg(json_build_object('chat', ch.kind, 'audience', ch.audience, 'subject', ch.name, 'status', m.status,
                                                          'blockerReason', m.blocker_reason, 'blockerNote', m.blocker_note)), '[]')
               FROM chat_membership m JOIN chat ch ON ch.id = m.chat_id WHERE m.person_id = p.id) AS chats,
              (SELECT COALESCE(json_agg(json_build_object('at', e.created_at, 'path', e.path_id, 'step', e.step, 'chat', e.chat_id,
                                                          'from', e.from_status, 'to', e.to_status, 'channel', e.opt_out_channel,
                                                          'blockerReason', e.blocker_reason,
                                                          'blockerNote', e.blocker_note, 'source', e.source) ORDER BY e.id), '[]')
               FROM progress_event e WHERE e.person_id = p.id) AS history
       FROM person p LEFT JOIN school_class c ON c.id = p.class_id
       WHERE p.family_id = $1 ORDER BY p.kind DESC, p.display_name`,
      [family.id],
    );
    const links = await this.dataSource.query<Array<Record<string, unknown>>>(
      `SELECT created_at AS "createdAt", expires_at AS "expiresAt", revoked_at AS "revokedAt",
              first_opened_at AS "firstOpenedAt", last_opened_at AS "lastOpenedAt"
       FROM invite WHERE family_id = $1 ORDER BY created_at`,
      [family.id],
    );
    return {
      exportedAt: new Date().toISOString(),
      family: { id: family.id, createdAt: row.created_at.toISOString(), lastRemindedAt: row.last_reminded_at?.toISOString() ?? null },
      people,
      links,
      note:
        'Phone numbers are never stored: only a keyed hash, to warn when two people share one number. ' +
        'Link tokens are stored hashed and encrypted and are not part of this export.',
    };
  }

  async eraseFamily(auth: AuthContext, familyId: string): Promise<void> {
    const family = await this.requireFamilyAdmin(auth, familyId);
    await this.dataSource.transaction((manager) => this.erase(manager, [family.id]));
  }

  /** The end of the year for a class: its students, and the families left with no child in the school. */
  async eraseClassRoster(auth: AuthContext, classId: string): Promise<{ people: number }> {
    const schoolClass = await this.access.requireAccess(auth, 'class.manage', classId);
    return this.dataSource.transaction(async (manager) => {
      const families = await manager.query<Array<{ family_id: string }>>(
        `SELECT DISTINCT family_id FROM person WHERE class_id = $1 ORDER BY family_id`,
        [schoolClass.id],
      );
      const familyIds = families.map((row) => row.family_id);
      await manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [familyIds]);
      const [, removed] = await manager.query<[unknown, number]>(`DELETE FROM person WHERE class_id = $1`, [schoolClass.id]);
      const emptied = await manager.query<Array<{ id: string }>>(
        `SELECT f.id FROM family f WHERE f.id = ANY($1::uuid[])
           AND NOT EXISTS (SELECT 1 FROM person s WHERE s.family_id = f.id AND s.kind = 'student')`,
        [familyIds],
      );
      const parents = await manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM person WHERE family_id = ANY($1::uuid[])`,
        [emptied.map((row) => row.id)],
      );
      await this.erase(manager, emptied.map((row) => row.id));
      await this.counters.recount(manager, [schoolClass.id, ...(await this.counters.classesOfFamilies(manager, familyIds))]);
      return { people: removed + (parents[0]?.n ?? 0) };
    });
  }

  /**
   * The end of the year for a whole school, in one transaction: every family
   * with its people, steps, chat memberships, history and links. The classes,
   * chats, staff accounts, counters (recounted: zero) and daily snapshots stay;
   * they hold no child's or parent's name. A second call finds nothing and
   * erases nothing.
   */
  async eraseSchool(auth: AuthContext, schoolId: string, request: EraseSchoolRequest): Promise<SchoolErasureResult> {
    const school = await this.access.requireAccess(auth, 'school.privacy', schoolId);
    if (request.schoolName !== school.name) {
      throw RequestValidationException.forField('schoolName', 'schoolName must be the school’s name, to confirm the erasure');
    }
    const result = await this.dataSource.transaction(async (manager) => {
      const families = await manager.query<Array<{ id: string }>>(`SELECT id FROM family WHERE school_id = $1 ORDER BY id`, [
        school.id,
      ]);
      const erased = await this.deleteFamilies(manager, families.map((row) => row.id));
      const classes = await manager.query<Array<{ id: string }>>(`SELECT id FROM school_class WHERE school_id = $1`, [school.id]);
      await this.counters.recount(manager, classes.map((row) => row.id));
      return erased;
    });
    this.logger.log(
      `School ${school.id}: personal data erased by staff ${auth.userId} (${result.families} families, ${result.people} people)`,
    );
    return result;
  }

  /**
   * The leavers of the given (archived) classes, inside the caller's
   * transaction: the students go, with their whole family where no other child
   * is left at school; a sibling's family keeps its parents. Returns how many
   * people went. Counters are recounted; snapshots stay.
   */
  async eraseStudentsOfClasses(manager: EntityManager, classIds: string[]): Promise<number> {
    const students = await manager.query<Array<{ id: string; family_id: string }>>(
      `SELECT id, family_id FROM person WHERE class_id = ANY($1::uuid[]) ORDER BY id`,
      [classIds],
    );
    if (students.length === 0) return 0;
    const familyIds = [...new Set(students.map((row) => row.family_id))].sort();
    await manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [familyIds]);
    const staying = await manager.query<Array<{ family_id: string }>>(
      `SELECT DISTINCT family_id FROM person
       WHERE family_id = ANY($1::uuid[]) AND kind = 'student' AND NOT (class_id = ANY($2::uuid[]))`,
      [familyIds, classIds],
    );
    const kept = new Set(staying.map((row) => row.family_id));
    const emptied = familyIds.filter((id) => !kept.has(id));
    const classesAfter = await this.counters.classesOfFamilies(manager, [...kept]);
    const [, people] = await manager.query<[unknown, number]>(
      `DELETE FROM person WHERE class_id = ANY($1::uuid[]) AND family_id = ANY($2::uuid[])`,
      [classIds, [...kept]],
    );
    const erased = await this.deleteFamilies(manager, emptied);
    await this.counters.recount(manager, [...classIds, ...classesAfter]);
    return people + erased.people;
  }

  /** Deletes families with their people, steps, chat memberships, history and links; recounts their classes. */
  private async erase(manager: EntityManager, familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    const classes = await this.counters.classesOfFamilies(manager, familyIds);
    await this.deleteFamilies(manager, familyIds);
    await this.counters.recount(manager, classes);
  }

  /**
   * The people are locked first, in id order: the first lock of every change
   * to a family, so a concurrent change waits for the erasure, or the erasure
   * for it (and then erases what it added: each statement below sees what was
   * committed before it). Steps, memberships and history go by cascade.
   */
  private async deleteFamilies(manager: EntityManager, familyIds: string[]): Promise<SchoolErasureResult> {
    if (familyIds.length === 0) return { families: 0, people: 0 };
    await manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [familyIds]);
    await manager.query(`DELETE FROM invite WHERE family_id = ANY($1::uuid[])`, [familyIds]);
    const [, people] = await manager.query<[unknown, number]>(`DELETE FROM person WHERE family_id = ANY($1::uuid[])`, [familyIds]);
    const [, families] = await manager.query<[unknown, number]>(`DELETE FROM family WHERE id = ANY($1::uuid[])`, [familyIds]);
    return { families, people };
  }

  private async requireFamilyAdmin(auth: AuthContext, familyId: string): Promise<{ id: string }> {
    return this.access.requireAccess(auth, 'family.privacy', familyId);
  }
}
