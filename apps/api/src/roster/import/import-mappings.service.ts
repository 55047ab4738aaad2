import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { IMPORT_MAPPING_NAME_MAX_LENGTH, type ImportMapping } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import type { AuthContext } from '../../auth/auth-context';
import { AccessPolicy } from '../../auth/access-policy.service';
import { RequestValidationException } from '../../common/validation';
import type { SaveImportMappingDto } from './import-mapping.dto';
import { ImportMappingsRepository } from './import-mappings.repository';

/** A school keeps a few forms of file, not a history: past this many, one must be removed first. */
const MAPPINGS_PER_SCHOOL = 50;

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
    private readonly mappings: ImportMappingsRepository,
  ) {}

  async list(auth: AuthContext, schoolId: string): Promise<ImportMapping[]> {
    await this.access.requireAccess(auth, 'school.read', schoolId);
    return this.mappings.listByName(schoolId);
  }

  async save(auth: AuthContext, schoolId: string, rawName: string, dto: SaveImportMappingDto): Promise<ImportMapping> {
    const school = await this.access.requireAccess(auth, 'school.read', schoolId);
    const name = mappingName(rawName);
    return this.dataSource.transaction(async (manager) => {
      // Two saves of new names at once must not both pass the limit.
      await this.mappings.lockSchool(manager, schoolId);
      if ((await this.mappings.countOthers(manager, schoolId, name)) >= MAPPINGS_PER_SCHOOL) {
        throw new ConflictException(`The school already keeps ${MAPPINGS_PER_SCHOOL} mappings: remove one first`);
      }
      return this.mappings.upsert(manager, {
        schoolId: school.id,
        districtId: school.districtId,
        name,
        mapping: dto.mapping,
        headerRow: dto.headerRow,
        updatedBy: auth.userId,
      });
    });
  }

  async remove(auth: AuthContext, schoolId: string, rawName: string): Promise<void> {
    await this.access.requireAccess(auth, 'school.read', schoolId);
    if (!(await this.mappings.remove(schoolId, mappingName(rawName))))
      throw new NotFoundException('No mapping of that name');
  }
}

function mappingName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > IMPORT_MAPPING_NAME_MAX_LENGTH) {
    throw RequestValidationException.forField('name', `name must be 1 to ${IMPORT_MAPPING_NAME_MAX_LENGTH} characters`);
  }
  return name;
}
