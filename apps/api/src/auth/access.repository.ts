import { Injectable } from '@nestjs/common';
import type { PersonKind, PermissionTarget } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { namedQuery, type SqlCondition } from '../database/named-query';
import { School } from '../org/entities/school.entity';
import { SchoolClass } from '../org/entities/school-class.entity';
import { StaffUser } from '../org/entities/staff-user.entity';

export interface ScopedDistrict {
  id: string;
}

export interface ScopedPerson {
  id: string;
  kind: PersonKind;
  familyId: string;
  classId: string | null;
  schoolId: string;
  districtId: string;
}

export interface ScopedFamily {
  id: string;
  schoolId: string;
  districtId: string;
}

export interface ScopedChat {
  id: string;
  schoolId: string;
  classId: string | null;
}

/** What the policy hands back for each kind of object it checks. */
export interface AccessTargets {
  district: ScopedDistrict;
  school: School;
  class: SchoolClass;
  staff: StaffUser;
  person: ScopedPerson;
  family: ScopedFamily;
  chat: ScopedChat;
}

/**
 * The look-ups of the access policy: the objects with these ids that a scope
 * (a condition written for the alias `e`) lets the caller see. Entities come
 * through TypeORM's query builder; the other rows are typed raw SQL whose
 * column aliases are the interfaces' names.
 */
@Injectable()
export class AccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findInScope<K extends PermissionTarget>(
    kind: K,
    ids: readonly string[],
    scope: SqlCondition,
  ): Promise<Array<AccessTargets[K]>> {
    const found = await this.find(kind, ids, scope);
    return found as Array<AccessTargets[K]>;
  }

  /** A chat's place, whoever asks: the policy then checks its class or school. */
  async chat(chatId: string): Promise<ScopedChat | undefined> {
    const rows = await this.dataSource.query<Array<ScopedChat>>(
      `SELECT id, school_id AS "schoolId", class_id AS "classId" FROM chat WHERE id = $1 AND archived_at IS NULL`,
      [chatId],
    );
    return rows[0];
  }

  private find(kind: PermissionTarget, ids: readonly string[], scope: SqlCondition): Promise<unknown[]> {
    const parameters = { ids: [...ids], ...scope.parameters };
    switch (kind) {
      case 'school':
        return this.entities(School, scope, ids);
      case 'class':
        return this.entities(SchoolClass, scope, ids);
      case 'staff':
        return this.entities(StaffUser, scope, ids);
      case 'district':
        return namedQuery<ScopedDistrict>(
          this.dataSource.manager,
          `SELECT e.id FROM district e WHERE e.id = ANY(CAST(:ids AS uuid[])) AND ${scope.sql}`,
          parameters,
        );
      case 'person':
        return namedQuery<ScopedPerson>(
          this.dataSource.manager,
          `SELECT e.id, e.kind, e.family_id AS "familyId", e.class_id AS "classId", e.school_id AS "schoolId", e.district_id AS "districtId"
           FROM person e WHERE e.id = ANY(CAST(:ids AS uuid[])) AND ${scope.sql}`,
          parameters,
        );
      case 'family':
        return namedQuery<ScopedFamily>(
          this.dataSource.manager,
          `SELECT e.id, e.school_id AS "schoolId", e.district_id AS "districtId" FROM family e WHERE e.id = ANY(CAST(:ids AS uuid[])) AND ${scope.sql}`,
          parameters,
        );
      case 'chat':
        return namedQuery<ScopedChat>(
          this.dataSource.manager,
          `SELECT e.id, e.school_id AS "schoolId", e.class_id AS "classId" FROM chat e WHERE e.id = ANY(CAST(:ids AS uuid[])) AND e.archived_at IS NULL AND ${scope.sql}`,
          parameters,
        );
    }
  }

  private entities<T extends School | SchoolClass | StaffUser>(
    entity: new () => T,
    scope: SqlCondition,
    ids: readonly string[],
  ): Promise<T[]> {
    return this.dataSource
      .getRepository(entity)
      .createQueryBuilder('e')
      .where(`e.id IN (:...ids) AND ${scope.sql}`)
      .setParameters({ ids: [...ids], ...scope.parameters })
      .getMany();
  }
}
