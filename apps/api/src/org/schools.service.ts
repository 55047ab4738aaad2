import { ConflictException, Injectable } from '@nestjs/common';
import { DEFAULT_PATH_ID, type DistrictSummary, type SchoolSummary } from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { isUniqueViolation } from '../common/postgres-errors';
import { DistrictsRepository } from './districts.repository';
import type { CreateSchoolDto, UpdateDistrictDto, UpdateSchoolDto } from './dto/school.dto';
import { SchoolsRepository } from './schools.repository';

@Injectable()
export class SchoolsService {
  constructor(
    private readonly access: AccessPolicy,
    private readonly schools: SchoolsRepository,
    private readonly districts: DistrictsRepository,
  ) {}

  async list(auth: AuthContext): Promise<SchoolSummary[]> {
    return this.schools.list(this.access.scopeOf(auth, 'school', 's'));
  }

  async get(auth: AuthContext, schoolId: string): Promise<SchoolSummary> {
    await this.access.requireAccess(auth, 'school.read', schoolId);
    return this.schools.summary(schoolId);
  }

  async create(auth: AuthContext, dto: CreateSchoolDto): Promise<SchoolSummary> {
    this.access.requireRole(auth, 'district.manage');
    const schoolId = await this.saveName(() =>
      this.schools.insert({ districtId: auth.districtId, name: dto.name, pathId: DEFAULT_PATH_ID }),
    );
    return this.schools.summary(schoolId);
  }

  /** The name is the district's to change. */
  async update(auth: AuthContext, schoolId: string, dto: UpdateSchoolDto): Promise<SchoolSummary> {
    await this.access.requireAccess(auth, dto.name !== undefined ? 'school.rename' : 'school.structure', schoolId);
    const { name } = dto;
    if (name !== undefined) {
      await this.saveName(() => this.schools.rename(schoolId, name));
    }
    return this.schools.summary(schoolId);
  }

  /** Only a district admin sees their district as an object of its own. */
  async getDistrict(auth: AuthContext, districtId: string): Promise<DistrictSummary> {
    await this.access.requireAccess(auth, 'district.read', districtId);
    return this.districts.summary(districtId);
  }

  async updateDistrict(auth: AuthContext, districtId: string, dto: UpdateDistrictDto): Promise<DistrictSummary> {
    await this.getDistrict(auth, districtId);
    try {
      await this.districts.rename(districtId, dto.name);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictException('Another district has this name');
      throw error;
    }
    return this.getDistrict(auth, districtId);
  }

  private async saveName<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'school_name_unique')) {
        throw new ConflictException('A school with this name already exists in the district');
      }
      throw error;
    }
  }
}
