import { Injectable } from '@nestjs/common';
import type { PersonKind } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import type { ExistingRoster } from './import-plan';

/** Where the people of an import go. */
export interface ImportSchool {
  id: string;
  districtId: string;
}

/** A person the import creates; `phone` is the hex of the phone's keyed hash. */
export interface ImportedPerson {
  familyId: string;
  kind: PersonKind;
  name: string;
  phone: string | null;
  classId: string | null;
}

export interface ClassRow {
  id: string;
  grade: number;
  letter: string;
}

/** A student of the school's current classes, with their class. */
export interface StudentOfYear {
  name: string;
  classId: string;
  grade: number;
  letter: string;
}

/**
 * What a class-list import reads and writes in bulk (one statement per kind
 * of row, never one per person), and its locks. Typed raw SQL; every method
 * runs in the import's transaction (its `manager`).
 */
@Injectable()
export class ImportRepository {
  /**
   * The school's import lock until the transaction ends: a school import takes
   * it alone (`exclusive`), class imports shared.
   */
  async lockSchoolImports(manager: EntityManager, schoolId: string, exclusive: boolean): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock${exclusive ? '' : '_shared'}(hashtext('import-school:' || $1))`, [
      schoolId,
    ]);
  }

  /** One import into a class at a time. */
  async lockClassImports(manager: EntityManager, classId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('import:' || $1))`, [classId]);
  }

  /**
   * The active students of the classes, and the active parents of their
   * families and of every family with a parent whose phone hash (hex) is given.
   */
  async existingRoster(
    manager: EntityManager,
    schoolId: string,
    classIds: string[],
    parentPhones: string[],
  ): Promise<ExistingRoster> {
    const students = await manager.query<ExistingRoster['students']>(
      `SELECT id, family_id AS "familyId", class_id AS "classId", display_name AS name, encode(phone_hmac, 'hex') AS phone
       FROM person WHERE class_id = ANY($1::uuid[]) AND archived_at IS NULL`,
      [classIds],
    );
    const parents = await manager.query<ExistingRoster['parents']>(
      `SELECT id, family_id AS "familyId", display_name AS name, encode(phone_hmac, 'hex') AS phone
       FROM person
       WHERE school_id = $1 AND kind = 'parent' AND archived_at IS NULL
         AND (family_id = ANY($2::uuid[])
              OR family_id IN (SELECT family_id FROM person
                               WHERE school_id = $1 AND kind = 'parent' AND encode(phone_hmac, 'hex') = ANY($3::text[])))`,
      [schoolId, [...new Set(students.map((s) => s.familyId))], parentPhones],
    );
    return { students, parents };
  }

  /** The active students of the school's active classes of that school year. */
  async studentsOfYear(manager: EntityManager, schoolId: string, year: string): Promise<StudentOfYear[]> {
    return manager.query<StudentOfYear[]>(
      `SELECT p.display_name AS name, c.id AS "classId", c.grade, c.letter
       FROM person p JOIN school_class c ON c.id = p.class_id
       WHERE p.school_id = $1 AND p.kind = 'student' AND p.archived_at IS NULL AND c.academic_year = $2 AND c.archived_at IS NULL`,
      [schoolId, year],
    );
  }

  /** The latest school year of the school's active classes; null when it has none. */
  async latestAcademicYear(manager: EntityManager, schoolId: string): Promise<string | null> {
    const rows = await manager.query<Array<{ year: string | null }>>(
      `SELECT max(academic_year) AS year FROM school_class WHERE school_id = $1 AND archived_at IS NULL`,
      [schoolId],
    );
    return rows[0]?.year ?? null;
  }

  /** The school's classes of that school year, archived ones too. */
  async classesOfYear(
    manager: EntityManager,
    schoolId: string,
    year: string,
  ): Promise<Array<ClassRow & { archived: boolean }>> {
    return manager.query<Array<ClassRow & { archived: boolean }>>(
      `SELECT id, grade, letter, archived_at IS NOT NULL AS archived FROM school_class WHERE school_id = $1 AND academic_year = $2`,
      [schoolId, year],
    );
  }

  /**
   * Creates the classes of that school year (a class created by an admin
   * meanwhile is taken as it is) and returns them all.
   */
  async createClasses(
    manager: EntityManager,
    school: ImportSchool,
    classes: ReadonlyArray<{ grade: number; letter: string }>,
    year: string,
  ): Promise<ClassRow[]> {
    const grades = classes.map((c) => c.grade);
    const letters = classes.map((c) => c.letter);
    await manager.query(
      `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year)
       SELECT $1, $2, u.grade, u.letter, $5 FROM unnest($3::int[], $4::text[]) AS u(grade, letter)
       ON CONFLICT (school_id, academic_year, grade, letter) DO NOTHING`,
      [school.districtId, school.id, grades, letters, year],
    );
    return manager.query<ClassRow[]>(
      `SELECT id, grade, letter FROM school_class
       WHERE school_id = $1 AND academic_year = $2 AND (grade, letter) IN (SELECT * FROM unnest($3::int[], $4::text[]))`,
      [school.id, year, grades, letters],
    );
  }

  /** `count` new families of the school; their ids in the order created. */
  async createFamilies(manager: EntityManager, school: ImportSchool, count: number): Promise<string[]> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO family (school_id, district_id) SELECT $1, $2 FROM generate_series(1, $3) RETURNING id`,
      [school.id, school.districtId, count],
    );
    return rows.map((row) => row.id);
  }

  /** The people, each with their steps of the school's path (`stepIds`), not started. */
  async insertPeople(
    manager: EntityManager,
    school: ImportSchool,
    people: readonly ImportedPerson[],
    stepIds: readonly string[],
  ): Promise<void> {
    const ids = await manager.query<Array<{ id: string }>>(
      `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name, phone_hmac)
       SELECT $1, $2, u.family_id, u.class_id, u.kind, u.name, decode(u.phone, 'hex')
       FROM unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[]) AS u(family_id, class_id, kind, name, phone)
       RETURNING id`,
      [
        school.districtId,
        school.id,
        people.map((p) => p.familyId),
        people.map((p) => p.classId),
        people.map((p) => p.kind),
        people.map((p) => p.name),
        people.map((p) => p.phone),
      ],
    );
    await manager.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id)
       SELECT id, step, $2, $3 FROM unnest($1::uuid[]) AS id CROSS JOIN unnest($4::text[]) AS step`,
      [ids.map((row) => row.id), school.districtId, school.id, stepIds],
    );
  }

  /** New phone hashes (hex) of people already there. */
  async updatePhones(manager: EntityManager, updates: ReadonlyArray<{ id: string; phone: string }>): Promise<void> {
    await manager.query(
      `UPDATE person p SET phone_hmac = decode(u.phone, 'hex'), version = version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS u(id, phone) WHERE p.id = u.id`,
      [updates.map((p) => p.id), updates.map((p) => p.phone)],
    );
  }
}
