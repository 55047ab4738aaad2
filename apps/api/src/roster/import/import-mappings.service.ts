import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { IMPORT_MAPPING_NAME_MAX_LENGTH, type ImportColumnMapping, type ImportMapping } from '@sferum/contracts';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthContext } from '../../auth/auth-context';
import { AccessPolicy } from '../../auth/access-policy.service';
import { RequestValidationException } from '../../common/validation';
import type { SaveImportMappingDto } from './import-mapping.dto';

/** A school keeps a few forms of file, not a history: past this many, one must be removed first. */
const MAPPINGS_PER_SCHOOL = 50;

interface MappingRow {
  name: string;
  mapping: ImportColumnMapping;
  header_row: number;
  updated_at: Date;
}

/**
 * The school's saved mappings of class-list columns. Everyone of the school's
 * staff (and the district's admin) may read, save and remove them: a mapping
 * is how a file is read, not who is in it.
 */
@Injectable()
export class ImportMappingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  async list(auth: AuthContext, schoolId: string): Promise<ImportMapping[]> {
    await this.access.requireAccess(auth, 'school.read', schoolId);
    const rows = await this.dataSource.query<MappingRow[]>(
      `SELECT name, mapping, header_row, updated_at FROM import_mapping WHERE school_id = $1 ORDER BY name`,
      [schoolId],
    );
    return rows.map(toMapping);
  }

  async save(auth: AuthContext, schoolId: string, rawName: string, dto: SaveImportMappingDto): Promise<ImportMapping> {
    const school = await this.access.requireAccess(auth, 'school.read', schoolId);
    const name = mappingName(rawName);
    return this.dataSource.transaction(async (manager) => {
      // Two saves of new names at once must not both pass the limit.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('import-mapping:' || $1))`, [schoolId]);
      const counted = await manager.query<Array<{ others: number }>>(
        `SELECT count(*)::int AS others FROM import_mapping WHERE school_id = $1 AND name <> $2`,
        [schoolId, name],
      );
      if (counted[0].others >= MAPPINGS_PER_SCHOOL) {
        throw new ConflictException(`The school already keeps ${MAPPINGS_PER_SCHOOL} mappings: remove one first`);
      }
      const rows = await manager.query<MappingRow[]>(
        `INSERT INTO import_mapping (school_id, district_id, name, mapping, header_row, updated_by)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6)
         ON CONFLICT (school_id, name) DO UPDATE
           SET mapping = EXCLUDED.mapping, header_row = EXCLUDED.header_row, updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING name, mapping, header_row, updated_at`,
        [school.id, school.districtId, name, JSON.stringify(dto.mapping), dto.headerRow, auth.userId],
      );
      return toMapping(rows[0]);
    });
  }

  async remove(auth: AuthContext, schoolId: string, rawName: string): Promise<void> {
    await this.access.requireAccess(auth, 'school.read', schoolId);
    const rows = await this.dataSource.query<Array<{ name: string }>>(
      // As a SELECT, so that the removed rows come back rather than a count.
      `WITH removed AS (DELETE FROM import_mapping WHERE school_id = $1 AND name = $2 RETURNING name) SELECT name FROM removed`,
      [schoolId, mappingName(rawName)],
    );
    if (rows.length === 0) throw new NotFoundException('No mapping of that name');
  }

  /** Every mapping of the school, the newest first: the import tries them on a file in that order. */
  async ofSchool(manager: EntityManager, schoolId: string): Promise<ImportMapping[]> {
    const rows = await manager.query<MappingRow[]>(
      `SELECT name, mapping, header_row, updated_at FROM import_mapping WHERE school_id = $1 ORDER BY updated_at DESC, name`,
      [schoolId],
    );
    return rows.map(toMapping);
  }
}

function mappingName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > IMPORT_MAPPING_NAME_MAX_LENGTH) {
    throw RequestValidationException.forField('name', `name must be 1 to ${IMPORT_MAPPING_NAME_MAX_LENGTH} characters`);
  }
  return name;
}

function toMapping(row: MappingRow): ImportMapping {
  return { name: row.name, mapping: row.mapping, headerRow: row.header_row, updatedAt: row.updated_at.toISOString() };
}
