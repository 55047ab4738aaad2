import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import type { PersonKind } from '@sferum/contracts';
import { DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { School } from '../org/entities/school.entity';
import { SchoolClass } from '../org/entities/school-class.entity';
import { StaffUser } from '../org/entities/staff-user.entity';
import { namedQuery, type QueryParameters, type SqlCondition } from '../database/named-query';
import type { AuthContext } from './auth-context';

/**
 * What the caller wants to do with an object they can see: `read` it, or
 * `manage` it (change the school structure: admins only). The roster and the
 * progress of a visible class are everyone's work there, so reading rights
 * are enough for them.
 */
export type Action = 'read' | 'manage';

export interface ScopedPerson {
  id: string;
  kind: PersonKind;
  familyId: string;
  classId: string | null;
  schoolId: string;
  districtId: string;
}

/**
 * The one place that decides who may see and change what.
 *
 * - district_admin: everything in their district.
 * - school_admin: their school, its classes and its staff.
 * - teacher: their school (read), the classes they lead, themselves.
 *
 * An object outside the caller's scope is 404, as if it did not exist; a
 * visible object the caller may not change is 403.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly dataSource: DataSource) {}

  /** Limits a `school` alias to what the caller sees. */
  schoolScope(auth: AuthContext, alias: string): SqlCondition {
    return this.scope(auth, alias, { schoolColumn: 'id', teacher: `${alias}.id = :scopeSchoolId` }, { scopeSchoolId: auth.schoolId });
  }

  /** Limits a `school_class` alias: a teacher sees the classes they lead. */
  classScope(auth: AuthContext, alias: string): SqlCondition {
    return this.scope(auth, alias, {
      teacher: `EXISTS (SELECT 1 FROM teacher_class scope_tc WHERE scope_tc.class_id = ${alias}.id AND scope_tc.staff_user_id = :scopeUserId)`,
    });
  }

  /** Limits a `staff_user` alias: a teacher sees themselves. */
  staffScope(auth: AuthContext, alias: string): SqlCondition {
    return this.scope(auth, alias, { teacher: `${alias}.id = :scopeUserId` });
  }

  /** Limits a `person` alias: a teacher sees the students of their classes and those students' parents. */
  personScope(auth: AuthContext, alias: string): SqlCondition {
    return this.scope(auth, alias, {
      teacher: `EXISTS (SELECT 1 FROM person scope_s JOIN teacher_class scope_tc ON scope_tc.class_id = scope_s.class_id
                        WHERE scope_tc.staff_user_id = :scopeUserId AND scope_s.family_id = ${alias}.family_id
                          AND (scope_s.id = ${alias}.id OR ${alias}.kind = 'parent'))`,
    });
  }

  /** Limits a `family` alias: a teacher sees the families with a student in their classes. */
  familyScope(auth: AuthContext, alias: string): SqlCondition {
    return this.scope(auth, alias, {
      teacher: `EXISTS (SELECT 1 FROM person scope_s JOIN teacher_class scope_tc ON scope_tc.class_id = scope_s.class_id
                        WHERE scope_tc.staff_user_id = :scopeUserId AND scope_s.family_id = ${alias}.id)`,
    });
  }

  /**
   * Every scoped table carries district_id and school_id: admins are limited
   * by those; a teacher by the condition the table gives.
   */
  private scope(
    auth: AuthContext,
    alias: string,
    rules: { teacher: string; schoolColumn?: string },
    teacherParameters: QueryParameters = { scopeUserId: auth.userId },
  ): SqlCondition {
    switch (auth.role) {
      case 'district_admin':
        return { sql: `${alias}.district_id = :scopeDistrictId`, parameters: { scopeDistrictId: auth.districtId } };
      case 'school_admin':
        return { sql: `${alias}.${rules.schoolColumn ?? 'school_id'} = :scopeSchoolId`, parameters: { scopeSchoolId: auth.schoolId } };
      case 'teacher':
        return { sql: rules.teacher, parameters: teacherParameters };
    }
  }

  async requirePerson(auth: AuthContext, personId: string): Promise<ScopedPerson> {
    const scope = this.personScope(auth, 'p');
    const rows = await namedQuery<ScopedPerson>(
      this.dataSource.manager,
      `SELECT p.id, p.kind, p.family_id AS "familyId", p.class_id AS "classId", p.school_id AS "schoolId",
              p.district_id AS "districtId"
       FROM person p WHERE p.id = :id AND ${scope.sql}`,
      { id: personId, ...scope.parameters },
    );
    if (!rows[0]) throw new NotFoundException('Person not found');
    return rows[0];
  }

  async requireFamily(auth: AuthContext, familyId: string): Promise<{ id: string; schoolId: string; districtId: string }> {
    const scope = this.familyScope(auth, 'f');
    const rows = await namedQuery<{ id: string; schoolId: string; districtId: string }>(
      this.dataSource.manager,
      `SELECT f.id, f.school_id AS "schoolId", f.district_id AS "districtId" FROM family f WHERE f.id = :id AND ${scope.sql}`,
      { id: familyId, ...scope.parameters },
    );
    if (!rows[0]) throw new NotFoundException('Family not found');
    return rows[0];
  }

  async requireSchool(auth: AuthContext, schoolId: string, action: Action): Promise<School> {
    const school = await this.findInScope(School, this.schoolScope(auth, 'e'), schoolId, 'School not found');
    if (action === 'manage' && auth.role !== 'district_admin') {
      throw new ForbiddenException('Only the district admin can change a school');
    }
    return school;
  }

  /** `manage` on a school's contents (its classes and staff): the district admin or that school's admin. */
  async requireSchoolContents(auth: AuthContext, schoolId: string): Promise<School> {
    const school = await this.requireSchool(auth, schoolId, 'read');
    if (auth.role === 'teacher') {
      throw new ForbiddenException('Only an admin can change the school structure');
    }
    return school;
  }

  /**
   * A chat the caller may change (its link, its members' marks): a class's
   * chat by whoever works with that class, the school chat by the school's
   * admins (a teacher: 403). Archived chats are not found.
   */
  async requireChat(auth: AuthContext, chatId: string): Promise<{ schoolId: string; classId: string | null }> {
    const [chat] = await this.dataSource.query<Array<{ school_id: string; class_id: string | null }>>(
      `SELECT school_id, class_id FROM chat WHERE id = $1 AND archived_at IS NULL`,
      [chatId],
    );
    if (!chat) throw new NotFoundException('Chat not found');
    if (chat.class_id) {
      await this.requireClass(auth, chat.class_id, 'read');
    } else {
      await this.requireSchool(auth, chat.school_id, 'read');
      if (auth.role === 'teacher') throw new ForbiddenException('The school chat is the school’s admins’ to change');
    }
    return { schoolId: chat.school_id, classId: chat.class_id };
  }

  async requireClass(auth: AuthContext, classId: string, action: Action): Promise<SchoolClass> {
    const schoolClass = await this.findInScope(SchoolClass, this.classScope(auth, 'e'), classId, 'Class not found');
    if (action === 'manage' && auth.role === 'teacher') {
      throw new ForbiddenException('Only an admin can change a class');
    }
    return schoolClass;
  }

  async requireStaff(auth: AuthContext, staffId: string, action: Action): Promise<StaffUser> {
    const staff = await this.findInScope(StaffUser, this.staffScope(auth, 'e'), staffId, 'Staff member not found');
    if (action === 'manage' && auth.role === 'teacher') {
      throw new ForbiddenException('Only an admin can change staff accounts');
    }
    return staff;
  }

  /** The entity with this id if the scope (written for the alias `e`) lets the caller see it; 404 otherwise. */
  private async findInScope<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    scope: SqlCondition,
    id: string,
    notFound: string,
  ): Promise<T> {
    const found = await this.dataSource
      .getRepository(entity)
      .createQueryBuilder('e')
      .where(`e.id = :id AND ${scope.sql}`)
      .setParameters({ id, ...scope.parameters })
      .getOne();
    if (!found) throw new NotFoundException(notFound);
    return found;
  }
}
