import { Injectable } from '@nestjs/common';
import type { PersonKind } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

/** Where a new person goes: their family, school and district. */
export interface PersonPlacement {
  familyId: string;
  schoolId: string;
  districtId: string;
}

/** A new person, with the phone's keyed hash (never the phone) and a student's class. */
export interface NewPerson {
  kind: PersonKind;
  displayName: string;
  phoneHmac: Buffer | null;
  classId: string | null;
}

/** A parent found by the phone's hash. */
export interface ParentByPhone {
  familyId: string;
  displayName: string;
}

export interface ClassName {
  grade: number;
  letter: string;
}

/**
 * Families and their people (`family`, `person`, a new person's `person_step`
 * rows), and the locks every structural change of a family takes. Typed raw
 * SQL; rows are mapped here. Methods with a `manager` run in the caller's
 * transaction.
 */
@Injectable()
export class RosterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async createFamily(manager: EntityManager, schoolId: string, districtId: string): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO family (school_id, district_id) VALUES ($1, $2) RETURNING id`,
      [schoolId, districtId],
    );
    return firstRow(rows, 'INSERT INTO family').id;
  }

  /** A person and their steps of the school's path (`stepIds`), not started. */
  async insertPerson(
    manager: EntityManager,
    placement: PersonPlacement,
    person: NewPerson,
    stepIds: readonly string[],
  ): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name, phone_hmac)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        placement.districtId,
        placement.schoolId,
        placement.familyId,
        person.classId,
        person.kind,
        person.displayName,
        person.phoneHmac,
      ],
    );
    const id = firstRow(rows, 'INSERT INTO person').id;
    await manager.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id)
       SELECT $1, step, $2, $3 FROM unnest($4::text[]) AS step`,
      [id, placement.districtId, placement.schoolId, stepIds],
    );
    return id;
  }

  /** Locks the families' people in id order (FOR NO KEY UPDATE): the first lock of every structural change. */
  async lockFamilies(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    await manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [
      familyIds,
    ]);
  }

  /** Locks the person's row and returns its version; null when there is no such person. */
  async lockVersion(manager: EntityManager, personId: string): Promise<number | null> {
    const rows = await manager.query<Array<{ version: number }>>(
      `SELECT version FROM person WHERE id = $1 FOR NO KEY UPDATE`,
      [personId],
    );
    return rows[0]?.version ?? null;
  }

  /** A new name (null: kept) and, when `setPhone`, a new phone hash (null: none). */
  async updateNameAndPhone(
    manager: EntityManager,
    personId: string,
    displayName: string | null,
    setPhone: boolean,
    phoneHmac: Buffer | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE person SET
         display_name = COALESCE($2, display_name),
         phone_hmac = CASE WHEN $3 THEN $4::bytea ELSE phone_hmac END,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [personId, displayName, setPhone, phoneHmac],
    );
  }

  async moveToClass(manager: EntityManager, personId: string, classId: string): Promise<void> {
    await manager.query(`UPDATE person SET class_id = $2, version = version + 1, updated_at = now() WHERE id = $1`, [
      personId,
      classId,
    ]);
  }

  /** Archiving keeps the first archive time; restoring clears it. */
  async setArchived(manager: EntityManager, personId: string, archived: boolean): Promise<void> {
    await manager.query(
      `UPDATE person SET archived_at = CASE WHEN $2 THEN COALESCE(archived_at, now()) END,
                         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [personId, archived],
    );
  }

  /** Every family with a person (of any state) in the class, in id order. */
  async familiesOfClass(manager: EntityManager, classId: string): Promise<string[]> {
    const rows = await manager.query<Array<{ family_id: string }>>(
      `SELECT DISTINCT family_id FROM person WHERE class_id = $1 ORDER BY family_id`,
      [classId],
    );
    return rows.map((row) => row.family_id);
  }

  /** Active parents of the school with this phone hash, the earliest first. */
  async activeParentsByPhone(manager: EntityManager, schoolId: string, phoneHmac: Buffer): Promise<ParentByPhone[]> {
    const rows = await manager.query<Array<{ family_id: string; display_name: string }>>(
      `SELECT family_id, display_name FROM person
       WHERE school_id = $1 AND phone_hmac = $2 AND kind = 'parent' AND archived_at IS NULL
       ORDER BY created_at`,
      [schoolId, phoneHmac],
    );
    return rows.map((row) => ({ familyId: row.family_id, displayName: row.display_name }));
  }

  /** The classes of the family's active students, in class order. */
  async classesOfFamilyStudents(familyId: string): Promise<ClassName[]> {
    return this.dataSource.manager.query<ClassName[]>(
      `SELECT DISTINCT c.grade, c.letter FROM person s JOIN school_class c ON c.id = s.class_id
       WHERE s.family_id = $1 AND s.kind = 'student' AND s.archived_at IS NULL ORDER BY c.grade, c.letter`,
      [familyId],
    );
  }

  /** The school of a person; null when there is no such person. */
  async schoolOfPerson(personId: string): Promise<string | null> {
    const rows = await this.dataSource.manager.query<Array<{ school_id: string }>>(
      `SELECT school_id FROM person WHERE id = $1`,
      [personId],
    );
    return rows[0]?.school_id ?? null;
  }

  /** Everyone of the family (of any state), with their school. */
  async peopleOfFamily(familyId: string): Promise<Array<{ id: string; schoolId: string }>> {
    const rows = await this.dataSource.manager.query<Array<{ id: string; school_id: string }>>(
      `SELECT id, school_id FROM person WHERE family_id = $1`,
      [familyId],
    );
    return rows.map((row) => ({ id: row.id, schoolId: row.school_id }));
  }

  /** The school's active classes in class order: the sheets of a school's export. */
  async activeClassesOfSchool(schoolId: string): Promise<Array<ClassName & { id: string }>> {
    return this.dataSource.manager.query<Array<ClassName & { id: string }>>(
      `SELECT id, grade, letter FROM school_class WHERE school_id = $1 AND archived_at IS NULL ORDER BY grade, letter`,
      [schoolId],
    );
  }
}
