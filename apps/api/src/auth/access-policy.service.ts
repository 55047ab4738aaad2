import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  PERMISSIONS,
  roleMay,
  ROLES_GRANTED_BY,
  type Permission,
  type PermissionTarget,
  type StaffRole,
} from '@sferum/contracts';
import type { QueryParameters, SqlCondition } from '../database/named-query';
import { AccessRepository, type AccessTargets } from './access.repository';
import type { AuthContext } from './auth-context';
import { firstRow } from '../database/rows';

export type { ScopedChat, ScopedFamily, ScopedPerson } from './access.repository';

type TargetOf<P extends Permission> = AccessTargets[(typeof PERMISSIONS)[P]['on']];

const NOT_FOUND: Record<PermissionTarget, string> = {
  district: 'District not found',
  school: 'School not found',
  class: 'Class not found',
  staff: 'Staff member not found',
  person: 'Person not found',
  family: 'Family not found',
  chat: 'Chat not found',
};

/** Why a role is refused a permission on an object it can see. */
const FORBIDDEN: Record<Permission, string> = {
  'district.read': 'Only a district admin sees the district as a whole',
  'district.manage': 'Only the district admin can change the district and add schools',
  'school.read': 'You cannot see this school',
  'school.rename': 'Only the district admin can change a school',
  'school.structure': 'Only an admin can change the school structure',
  'school.path': 'Only the school’s admin or the district admin chooses its path',
  'school.report': 'Reports are for school and district admins',
  'school.export': 'A teacher exports their own classes',
  'school.privacy': 'Requests about personal data go through the school’s admin',
  'class.read': 'You cannot see this class',
  'class.work': 'You cannot work on this class',
  'class.manage': 'Only an admin can change a class',
  'staff.read': 'You cannot see this account',
  'staff.manage': 'Only an admin can change staff accounts',
  'person.work': 'You cannot work on this person',
  'family.work': 'You cannot work on this family',
  'family.privacy': 'Requests about personal data go through the school’s admin',
  'chat.work': 'You cannot work on this chat',
  'schoolChat.work': 'The school chat is the school’s admins’ to change',
};

/**
 * The one place that decides who may see and change what: every permission
 * (the list in the contracts) is checked here, and no feature compares roles.
 *
 * - district_admin: everything in their district.
 * - school_admin: their school, its classes and its staff.
 * - teacher: their school (read), the classes they lead and their families, themselves.
 *
 * An object outside the caller's scope is 404, as if it did not exist; a
 * visible object the caller's role may not act on is 403.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly repository: AccessRepository) {}

  /** The object (or all the objects) the permission is asked on, each within the caller's scope. */
  requireAccess<P extends Permission>(auth: AuthContext, permission: P, id: string): Promise<TargetOf<P>>;
  requireAccess<P extends Permission>(
    auth: AuthContext,
    permission: P,
    ids: readonly string[],
  ): Promise<Array<TargetOf<P>>>;
  async requireAccess<P extends Permission>(
    auth: AuthContext,
    permission: P,
    idOrIds: string | readonly string[],
  ): Promise<TargetOf<P> | Array<TargetOf<P>>> {
    const ids = typeof idOrIds === 'string' ? [idOrIds] : [...new Set(idOrIds)];
    const kind = PERMISSIONS[permission].on;
    if (kind === 'chat')
      return this.requireChats(auth, permission, ids, idOrIds) as Promise<TargetOf<P> | Array<TargetOf<P>>>;
    const found = ids.length === 0 ? [] : await this.repository.findInScope(kind, ids, this.scopeOf(auth, kind, 'e'));
    if (found.length !== ids.length) throw new NotFoundException(NOT_FOUND[kind]);
    this.requireRole(auth, permission);
    return (typeof idOrIds === 'string' ? found[0] : found) as TargetOf<P> | Array<TargetOf<P>>;
  }

  /**
   * A permission on what the caller's own place holds, where no single object is
   * named (lists, a new object): the role alone decides (403).
   */
  requireRole(auth: AuthContext, permission: Permission): void {
    if (!roleMay(auth.role, permission)) throw new ForbiddenException(FORBIDDEN[permission]);
  }

  /** Whether the caller may give an account this role (403 otherwise). */
  requireGrant(auth: AuthContext, role: StaffRole): void {
    if (!ROLES_GRANTED_BY[auth.role].includes(role)) {
      throw new ForbiddenException(`Your role cannot give an account the role ${role}`);
    }
  }

  /**
   * Limits an alias of the kind's table to what the caller sees. Every scoped
   * table carries district_id and school_id: admins are limited by those; a
   * teacher by the classes they lead.
   */
  scopeOf(auth: AuthContext, kind: PermissionTarget, alias: string): SqlCondition {
    switch (auth.role) {
      case 'district_admin':
        return {
          sql: `${alias}.${kind === 'district' ? 'id' : 'district_id'} = :scopeDistrictId`,
          parameters: { scopeDistrictId: auth.districtId },
        };
      case 'school_admin':
        return this.schoolStaffScope(auth, kind, `${alias}.${kind === 'school' ? 'id' : 'school_id'} = :scopeSchoolId`);
      case 'teacher':
        return this.schoolStaffScope(auth, kind, this.teacherCondition(kind, alias));
    }
  }

  private schoolStaffScope(auth: AuthContext, kind: PermissionTarget, sql: string): SqlCondition {
    // Only a district admin sees the district as an object of its own; school staff work within their school.
    if (kind === 'district') return { sql: 'false', parameters: {} };
    const parameters: QueryParameters = { scopeSchoolId: auth.schoolId, scopeUserId: auth.userId };
    return { sql, parameters };
  }

  private teacherCondition(kind: PermissionTarget, alias: string): string {
    switch (kind) {
      case 'district':
        return 'false';
      case 'school':
        return `${alias}.id = :scopeSchoolId`;
      case 'class':
        return `EXISTS (SELECT 1 FROM teacher_class scope_tc WHERE scope_tc.class_id = ${alias}.id AND scope_tc.staff_user_id = :scopeUserId)`;
      case 'staff':
        return `${alias}.id = :scopeUserId`;
      case 'person':
        return `EXISTS (SELECT 1 FROM person scope_s JOIN teacher_class scope_tc ON scope_tc.class_id = scope_s.class_id
                        WHERE scope_tc.staff_user_id = :scopeUserId AND scope_s.family_id = ${alias}.family_id
                          AND (scope_s.id = ${alias}.id OR ${alias}.kind = 'parent'))`;
      case 'family':
        return `EXISTS (SELECT 1 FROM person scope_s JOIN teacher_class scope_tc ON scope_tc.class_id = scope_s.class_id
                        WHERE scope_tc.staff_user_id = :scopeUserId AND scope_s.family_id = ${alias}.id)`;
      case 'chat':
        return `(${alias}.kind = 'school' AND ${alias}.school_id = :scopeSchoolId
                 OR EXISTS (SELECT 1 FROM teacher_class scope_tc WHERE scope_tc.class_id = ${alias}.class_id AND scope_tc.staff_user_id = :scopeUserId))`;
    }
  }

  /**
   * A class's chat is the class's (whoever works with it); the school chat is
   * the school's admins' to change: a teacher who sees it gets 403.
   */
  private async requireChats(
    auth: AuthContext,
    permission: Permission,
    ids: readonly string[],
    idOrIds: string | readonly string[],
  ): Promise<AccessTargets['chat'] | Array<AccessTargets['chat']>> {
    const found =
      ids.length === 0 ? [] : await this.repository.findInScope('chat', ids, this.scopeOf(auth, 'chat', 'e'));
    if (found.length !== ids.length) throw new NotFoundException(NOT_FOUND.chat);
    this.requireRole(auth, permission);
    if (found.some((chat) => chat.classId === null)) this.requireRole(auth, 'schoolChat.work');
    return typeof idOrIds === 'string' ? firstRow(found, 'the chat in scope') : found;
  }
}
