import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { IMPORT_MAX_ROWS, stepIdsOf, type ImportError, type ImportResult, type PersonKind } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../../auth/auth-context';
import { AccessPolicy } from '../../auth/access-policy.service';
import { AppConfig } from '../../config/app-config';
import { SchoolPaths } from '../../paths/school-paths.service';
import { ensureStandardChats, syncMemberships } from '../../progress/chat-memberships';
import { classesOfFamilies, recountClasses } from '../../progress/class-counters';
import { normalizePhone, phoneHmac } from '../phone';
import { mapColumns, type ColumnMap } from './import-columns';
import { planImport, type ExistingRoster, type ImportPlan, type PlannedFamily } from './import-plan';
import { readTable } from './read-table';
import { UnreadableFile } from './unreadable-file';

interface ClassPlace {
  id: string;
  schoolId: string;
  districtId: string;
}

/**
 * A class list from a file: first a preview (what would be created, updated,
 * left alone, and every error), then, with the same file, the import itself,
 * all of it in one transaction or nothing.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly config: AppConfig,
    private readonly schoolPaths: SchoolPaths,
  ) {}

  async run(auth: AuthContext, classId: string, file: Buffer, commit: boolean): Promise<ImportResult> {
    const schoolClass = await this.access.requireClass(auth, classId, 'read');
    const place: ClassPlace = { id: classId, schoolId: schoolClass.schoolId, districtId: schoolClass.districtId };
    const table = await this.readRows(file);
    if ('errors' in table) return refuse(commit, emptyResult(table.errors));

    const { columns, errors } = mapColumns(table.rows[0] ?? []);
    if (errors.length > 0) return refuse(commit, emptyResult(errors));

    const hashPhone = (normalized: string) => phoneHmac(this.config.PHONE_HMAC_KEY, normalized).toString('hex');
    return this.dataSource.transaction(async (manager) => {
      if (commit) {
        // Two imports into one class wait for each other instead of both creating the same people.
        await manager.query(`SELECT pg_advisory_xact_lock(hashtext('import:' || $1))`, [classId]);
      }
      const phones = parentPhones(table.rows, columns, hashPhone);
      const plan = planImport(table.rows, columns, await this.existing(manager, place, phones), hashPhone);
      if (!commit || plan.result.errors.length > 0) {
        return refuse(commit, { committed: false, ...plan.result });
      }
      await this.write(manager, place, plan);
      return { committed: true, ...plan.result };
    });
  }

  private async readRows(file: Buffer): Promise<{ rows: string[][] } | { errors: ImportError[] }> {
    let rows: string[][];
    try {
      rows = await readTable(file);
    } catch (error) {
      if (!(error instanceof UnreadableFile)) throw error;
      return { errors: [fileError('unreadable_file', 'The file is neither CSV nor XLSX')] };
    }
    const dataRows = rows.slice(1).filter((row) => row.some((value) => value.trim() !== '')).length;
    if (dataRows === 0) return { errors: [fileError('empty_file', 'The file has no rows under its header')] };
    if (dataRows > IMPORT_MAX_ROWS) {
      return { errors: [fileError('too_many_rows', `More than ${IMPORT_MAX_ROWS} rows`)] };
    }
    return { rows };
  }

  private async existing(manager: EntityManager, place: ClassPlace, parentPhones: string[]): Promise<ExistingRoster> {
    const students = await manager.query<ExistingRoster['students']>(
      `SELECT id, family_id AS "familyId", display_name AS name, encode(phone_hmac, 'hex') AS phone
       FROM person WHERE class_id = $1 AND archived_at IS NULL`,
      [place.id],
    );
    const parents = await manager.query<ExistingRoster['parents']>(
      `SELECT id, family_id AS "familyId", display_name AS name, encode(phone_hmac, 'hex') AS phone
       FROM person
       WHERE school_id = $1 AND kind = 'parent' AND archived_at IS NULL
         AND (family_id = ANY($2::uuid[])
              OR family_id IN (SELECT family_id FROM person
                               WHERE school_id = $1 AND kind = 'parent' AND encode(phone_hmac, 'hex') = ANY($3::text[])))`,
      [place.schoolId, [...new Set(students.map((s) => s.familyId))], parentPhones],
    );
    return { students, parents };
  }

  private async write(manager: EntityManager, place: ClassPlace, plan: ImportPlan): Promise<void> {
    const path = await this.schoolPaths.lockedForChange(manager, place.schoolId);
    const existingFamilies = plan.families.map((f) => f.existingId).filter((id): id is string => id !== null);
    await manager.query(`SELECT id FROM person WHERE family_id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [existingFamilies]);

    const newFamilies = plan.families.filter((f) => f.existingId === null);
    const newIds = await manager.query<Array<{ id: string }>>(
      `INSERT INTO family (school_id, district_id) SELECT $1, $2 FROM generate_series(1, $3) RETURNING id`,
      [place.schoolId, place.districtId, newFamilies.length],
    );
    const familyIdOf = new Map<PlannedFamily, string>(newFamilies.map((family, index) => [family, newIds[index].id]));
    for (const family of plan.families) if (family.existingId) familyIdOf.set(family, family.existingId);

    const created: Array<{ familyId: string; kind: PersonKind; name: string; phone: string | null }> = [];
    const updated: Array<{ id: string; phone: string }> = [];
    for (const family of plan.families) {
      const familyId = familyIdOf.get(family)!;
      for (const [kind, people] of [['student', family.students], ['parent', family.parents]] as const) {
        for (const person of people) {
          if (person.action === 'create') created.push({ familyId, kind, name: person.name, phone: person.phone });
          if (person.action === 'update' && person.existingId && person.phone) updated.push({ id: person.existingId, phone: person.phone });
        }
      }
    }
    if (created.length > 0) {
      const ids = await manager.query<Array<{ id: string }>>(
        `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name, phone_hmac)
         SELECT $1, $2, u.family_id, CASE WHEN u.kind = 'student' THEN $3::uuid END, u.kind, u.name, decode(u.phone, 'hex')
         FROM unnest($4::uuid[], $5::text[], $6::text[], $7::text[]) AS u(family_id, kind, name, phone)
         RETURNING id`,
        [
          place.districtId,
          place.schoolId,
          place.id,
          created.map((p) => p.familyId),
          created.map((p) => p.kind),
          created.map((p) => p.name),
          created.map((p) => p.phone),
        ],
      );
      await manager.query(
        `INSERT INTO person_step (person_id, step, district_id, school_id)
         SELECT id, step, $2, $3 FROM unnest($1::uuid[]) AS id CROSS JOIN unnest($4::text[]) AS step`,
        [ids.map((row) => row.id), place.districtId, place.schoolId, stepIdsOf(path)],
      );
    }
    if (updated.length > 0) {
      await manager.query(
        `UPDATE person p SET phone_hmac = decode(u.phone, 'hex'), version = version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS u(id, phone) WHERE p.id = u.id`,
        [updated.map((p) => p.id), updated.map((p) => p.phone)],
      );
    }
    const touched = [...new Set(familyIdOf.values())];
    await ensureStandardChats(manager, path, [place.id]);
    await syncMemberships(manager, touched);
    await recountClasses(manager, [place.id, ...(await classesOfFamilies(manager, touched))]);
  }
}

/** A preview answers with its errors; an import with errors is refused whole. */
function refuse(commit: boolean, result: ImportResult): ImportResult {
  if (commit && result.errors.length > 0) {
    throw new UnprocessableEntityException(`The file has ${result.errors.length} errors; nothing was imported. Check the preview.`);
  }
  return result;
}

/** The hashes of the parents' phones in the file: how a sibling in another class is recognised. */
function parentPhones(rows: string[][], columns: ColumnMap, hashPhone: (normalized: string) => string): string[] {
  const indexes = [columns.index.parent1Phone, columns.index.parent2Phone].filter((i): i is number => i !== undefined);
  return rows
    .slice(1)
    .flatMap((row) => indexes.map((index) => normalizePhone(row[index] ?? '')))
    .filter((phone): phone is string => phone !== undefined)
    .map(hashPhone);
}

function fileError(code: ImportError['code'], message: string): ImportError {
  return { row: null, column: null, code, message };
}

function emptyResult(errors: ImportError[]): ImportResult {
  const none = { create: 0, update: 0, unchanged: 0 };
  return { committed: false, rows: 0, students: none, parents: none, families: { create: 0, existing: 0 }, notInFile: 0, errors, preview: [] };
}
