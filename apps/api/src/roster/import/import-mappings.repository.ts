import { Injectable } from '@nestjs/common';
import type { ImportColumnMapping, ImportMapping } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { firstRow } from '../../database/rows';

interface MappingRow {
  name: string;
  mapping: ImportColumnMapping;
  header_row: number;
  updated_at: Date;
}

/** What a saved mapping is written from. */
export interface NewImportMapping {
  schoolId: string;
  districtId: string;
  name: string;
  mapping: ImportColumnMapping;
  headerRow: number;
  updatedBy: string;
}

/** The schools' saved mappings of class-list columns (`import_mapping`). Typed raw SQL; rows mapped here. */
@Injectable()
export class ImportMappingsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The school's mappings by name, as the mapping step lists them. */
  async listByName(schoolId: string): Promise<ImportMapping[]> {
    const rows = await this.dataSource.manager.query<MappingRow[]>(
      `SELECT name, mapping, header_row, updated_at FROM import_mapping WHERE school_id = $1 ORDER BY name`,
      [schoolId],
    );
    return rows.map(toMapping);
  }

  /** Every mapping of the school, the newest first: the import tries them on a file in that order. */
  async listNewestFirst(manager: EntityManager, schoolId: string): Promise<ImportMapping[]> {
    const rows = await manager.query<MappingRow[]>(
      `SELECT name, mapping, header_row, updated_at FROM import_mapping WHERE school_id = $1 ORDER BY updated_at DESC, name`,
      [schoolId],
    );
    return rows.map(toMapping);
  }

  /** Serialises the saves of one school's mappings until the caller's transaction ends. */
  async lockSchool(manager: EntityManager, schoolId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('import-mapping:' || $1))`, [schoolId]);
  }

  /** How many mappings the school keeps under other names than this one. */
  async countOthers(manager: EntityManager, schoolId: string, name: string): Promise<number> {
    const rows = await manager.query<Array<{ others: number }>>(
      `SELECT count(*)::int AS others FROM import_mapping WHERE school_id = $1 AND name <> $2`,
      [schoolId, name],
    );
    return firstRow(rows, 'the count of other mappings').others;
  }

  /** Creates the mapping, or replaces the one of that name. */
  async upsert(manager: EntityManager, mapping: NewImportMapping): Promise<ImportMapping> {
    const rows = await manager.query<MappingRow[]>(
      `INSERT INTO import_mapping (school_id, district_id, name, mapping, header_row, updated_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6)
       ON CONFLICT (school_id, name) DO UPDATE
         SET mapping = EXCLUDED.mapping, header_row = EXCLUDED.header_row, updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING name, mapping, header_row, updated_at`,
      [
        mapping.schoolId,
        mapping.districtId,
        mapping.name,
        JSON.stringify(mapping.mapping),
        mapping.headerRow,
        mapping.updatedBy,
      ],
    );
    return toMapping(firstRow(rows, 'INSERT INTO import_mapping'));
  }

  /** Removes the mapping of that name; false when there was none. */
  async remove(schoolId: string, name: string): Promise<boolean> {
    const rows = await this.dataSource.manager.query<Array<{ name: string }>>(
      // As a SELECT, so that the removed rows come back rather than a count.
      `WITH removed AS (DELETE FROM import_mapping WHERE school_id = $1 AND name = $2 RETURNING name) SELECT name FROM removed`,
      [schoolId, name],
    );
    return rows.length > 0;
  }
}

function toMapping(row: MappingRow): ImportMapping {
  return { name: row.name, mapping: row.mapping, headerRow: row.header_row, updatedAt: row.updated_at.toISOString() };
}
