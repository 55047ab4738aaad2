import { Injectable } from '@nestjs/common';
import type { OptOutChannel, PersonKind, StaffRole } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

export interface DemoSchool {
  id: string;
  districtId: string;
  name: string;
  pathId: string;
}

export interface DemoClassRow {
  id: string;
  districtId: string;
  schoolId: string;
  grade: number;
  letter: string;
  academicYear: string;
}

export interface DemoStaffUser {
  id: string;
  districtId: string;
  schoolId: string | null;
  role: StaffRole;
  email: string;
  fullName: string;
  passwordHash: string | null;
}

export interface DemoPersonRow {
  districtId: string;
  schoolId: string;
  familyId: string;
  classId: string | null;
  kind: PersonKind;
  displayName: string;
}

export interface DemoStepRow {
  personId: string;
  step: string;
  districtId: string;
  schoolId: string;
  status: string;
  blockerReason: string | null;
  blockerNote: string | null;
  updatedSource: string | null;
}

/** A change as the API would have recorded it in `progress_event`. */
export interface DemoEventRow {
  districtId: string;
  schoolId: string;
  personId: string;
  pathId: string;
  step: string | null;
  chatId: string | null;
  from: string;
  to: string;
  blockerReason: string | null;
  blockerNote: string | null;
  optOutChannel: OptOutChannel | null;
  source: string;
  actorStaffId: string | null;
}

/** A row of `class_progress`, as a snapshot stores it. */
export interface DemoCounterRow {
  person_kind: string;
  item: string;
  status: string;
  blocker_reason: string;
  people: number;
}

/**
 * The demo's own writes: rows with fixed ids and states that no API call makes
 * in one go (a district with its staff, steps and chats already marked, their
 * history, two weeks of snapshots). Typed raw SQL; every method runs in the
 * seed's transaction. It needs nothing injected, so the CLI creates it with `new`.
 */
@Injectable()
export class DemoSeedRepository {
  /** The district, its schools, classes and staff go in once: each returns how many rows it added (0 or 1). */
  async insertDistrict(tx: EntityManager, id: string, name: string): Promise<number> {
    return this.insertIfMissing(tx, `INSERT INTO district (id, name) VALUES ($1, $2)`, [id, name]);
  }

  async insertSchool(tx: EntityManager, school: DemoSchool): Promise<number> {
    return this.insertIfMissing(tx, `INSERT INTO school (id, district_id, name, path_id) VALUES ($1, $2, $3, $4)`, [
      school.id,
      school.districtId,
      school.name,
      school.pathId,
    ]);
  }

  async insertClass(tx: EntityManager, schoolClass: DemoClassRow): Promise<number> {
    return this.insertIfMissing(
      tx,
      `INSERT INTO school_class (id, district_id, school_id, grade, letter, academic_year) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        schoolClass.id,
        schoolClass.districtId,
        schoolClass.schoolId,
        schoolClass.grade,
        schoolClass.letter,
        schoolClass.academicYear,
      ],
    );
  }

  async insertStaffUser(tx: EntityManager, user: DemoStaffUser): Promise<number> {
    return this.insertIfMissing(
      tx,
      `INSERT INTO staff_user (id, district_id, school_id, role, email, full_name, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [user.id, user.districtId, user.schoolId, user.role, user.email, user.fullName, user.passwordHash],
    );
  }

  async insertTeacherClass(
    tx: EntityManager,
    staffUserId: string,
    classId: string,
    schoolId: string,
    districtId: string,
  ): Promise<number> {
    return this.insertIfMissing(
      tx,
      `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id) VALUES ($1, $2, $3, $4)`,
      [staffUserId, classId, schoolId, districtId],
    );
  }

  async insertFamily(tx: EntityManager, id: string, schoolId: string, districtId: string): Promise<void> {
    await tx.query(`INSERT INTO family (id, school_id, district_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      id,
      schoolId,
      districtId,
    ]);
  }

  /** A person without steps (they come one by one, with their states); returns the new id. */
  async insertPerson(tx: EntityManager, person: DemoPersonRow): Promise<string> {
    const rows = await tx.query<Array<{ id: string }>>(
      `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [person.districtId, person.schoolId, person.familyId, person.classId, person.kind, person.displayName],
    );
    return firstRow(rows, 'INSERT INTO person').id;
  }

  async insertPersonStep(tx: EntityManager, step: DemoStepRow): Promise<void> {
    await tx.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id, status, blocker_reason, blocker_note, updated_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        step.personId,
        step.step,
        step.districtId,
        step.schoolId,
        step.status,
        step.blockerReason,
        step.blockerNote,
        step.updatedSource,
      ],
    );
  }

  /** The person's class chat of that class (after the memberships were synced). */
  async classChatOf(tx: EntityManager, personId: string, classId: string): Promise<string> {
    const memberships = await tx.query<Array<{ chat_id: string }>>(
      `SELECT cm.chat_id FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
       WHERE cm.person_id = $1 AND ch.kind = 'class' AND ch.class_id = $2 AND ch.archived_at IS NULL`,
      [personId, classId],
    );
    return firstRow(memberships, 'the class chat membership').chat_id;
  }

  async setMembership(
    tx: EntityManager,
    personId: string,
    chatId: string,
    status: string,
    blockerReason: string | null,
    source: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE chat_membership SET status = $3, blocker_reason = $4, updated_source = $5 WHERE person_id = $1 AND chat_id = $2`,
      [personId, chatId, status, blockerReason, source],
    );
  }

  async setOptOut(
    tx: EntityManager,
    personId: string,
    channel: OptOutChannel,
    note: string | null,
    source: string,
  ): Promise<void> {
    await tx.query(
      `UPDATE person SET opted_out_at = now(), opt_out_channel = $2, opt_out_note = $3, opt_out_source = $4 WHERE id = $1`,
      [personId, channel, note, source],
    );
  }

  async insertEvent(tx: EntityManager, event: DemoEventRow): Promise<void> {
    await tx.query(
      `INSERT INTO progress_event (district_id, school_id, person_id, path_id, step, chat_id, from_status, to_status, blocker_reason, blocker_note,
                                   opt_out_channel, source, actor_staff_id, change_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, gen_random_uuid())`,
      [
        event.districtId,
        event.schoolId,
        event.personId,
        event.pathId,
        event.step,
        event.chatId,
        event.from,
        event.to,
        event.blockerReason,
        event.blockerNote,
        event.optOutChannel,
        event.source,
        event.actorStaffId,
      ],
    );
  }

  async insertStepNote(
    tx: EntityManager,
    schoolId: string,
    districtId: string,
    pathId: string,
    step: string,
    note: string,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO school_step_note (school_id, district_id, path_id, step, note) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [schoolId, districtId, pathId, step, note],
    );
  }

  async classCounters(tx: EntityManager, classId: string): Promise<DemoCounterRow[]> {
    return tx.query<DemoCounterRow[]>(
      `SELECT person_kind, item, status, blocker_reason, people FROM class_progress WHERE class_id = $1`,
      [classId],
    );
  }

  /** The class's snapshot of `daysAgo` days before today (Moscow time), unless one is there. */
  async insertSnapshot(
    tx: EntityManager,
    snapshot: {
      classId: string;
      daysAgo: number;
      districtId: string;
      schoolId: string;
      pathId: string;
      counters: DemoCounterRow[];
    },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source)
       VALUES ($1, timezone('Europe/Moscow', now())::date - $2::int, $3, $4, $5, $6::jsonb, 'counters')
       ON CONFLICT (class_id, day) DO NOTHING`,
      [
        snapshot.classId,
        snapshot.daysAgo,
        snapshot.districtId,
        snapshot.schoolId,
        snapshot.pathId,
        JSON.stringify(snapshot.counters),
      ],
    );
  }

  private async insertIfMissing(tx: EntityManager, sql: string, parameters: unknown[]): Promise<number> {
    const result: unknown = await tx.query(`${sql} ON CONFLICT DO NOTHING RETURNING 1`, parameters);
    return Array.isArray(result) ? result.length : 0;
  }
}
