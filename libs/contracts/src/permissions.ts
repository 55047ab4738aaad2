import type { StaffRole } from './staff';

const EVERYONE = ['district_admin', 'school_admin', 'teacher'] as const satisfies readonly StaffRole[];
const ADMINS = ['district_admin', 'school_admin'] as const satisfies readonly StaffRole[];
const DISTRICT = ['district_admin'] as const satisfies readonly StaffRole[];

/**
 * What each role may do, the one list both sides read: the API's access policy
 * enforces it (on objects within the caller's scope: their district, their
 * school, or for a teacher the classes they lead), the web hides what a role
 * may not do. Each permission names the kind of object it is checked on.
 */
export const PERMISSIONS = {
  /** The district as a whole: its report, its history, its schools' overview. */
  'district.read': { on: 'district', roles: DISTRICT },
  /** Rename the district, add schools, issue reporting keys. */
  'district.manage': { on: 'district', roles: DISTRICT },

  'school.read': { on: 'school', roles: EVERYONE },
  /** Rename a school. */
  'school.rename': { on: 'school', roles: DISTRICT },
  /** Classes and staff accounts of the school, its whole-school import and the new school year. */
  'school.structure': { on: 'school', roles: ADMINS },
  'school.path': { on: 'school', roles: ADMINS },
  'school.report': { on: 'school', roles: ADMINS },
  'school.export': { on: 'school', roles: ADMINS },
  /** Requests about personal data (a family's copy, its erasure, erasing a whole school's). */
  'school.privacy': { on: 'school', roles: ADMINS },

  'class.read': { on: 'class', roles: EVERYONE },
  /** The daily work on a visible class: its roster, its steps, its links and letters, its imports. */
  'class.work': { on: 'class', roles: EVERYONE },
  /** Rename, archive or erase a class, choose its teachers. */
  'class.manage': { on: 'class', roles: ADMINS },

  'staff.read': { on: 'staff', roles: EVERYONE },
  'staff.manage': { on: 'staff', roles: ADMINS },

  'person.work': { on: 'person', roles: EVERYONE },
  'family.work': { on: 'family', roles: EVERYONE },
  'family.privacy': { on: 'family', roles: ADMINS },

  /** A class chat: whoever works with the class. */
  'chat.work': { on: 'chat', roles: EVERYONE },
  /** The school chat: the school's admins. */
  'schoolChat.work': { on: 'chat', roles: ADMINS },
} as const satisfies Record<string, { on: PermissionTarget; roles: readonly StaffRole[] }>;

export type PermissionTarget = 'district' | 'school' | 'class' | 'staff' | 'person' | 'family' | 'chat';
export type Permission = keyof typeof PERMISSIONS;

/** Whether the role has the permission at all (on an object within its scope). */
export function roleMay(role: StaffRole, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly StaffRole[]).includes(role);
}

/** The roles an account of each role may give to an account it creates or changes. */
export const ROLES_GRANTED_BY: Record<StaffRole, readonly StaffRole[]> = {
  district_admin: ['district_admin', 'school_admin', 'teacher'],
  school_admin: ['school_admin', 'teacher'],
  teacher: [],
};

/** Accounts of these roles belong to one school; a district admin's belongs to none. */
export const SCHOOL_ROLES: readonly StaffRole[] = ['school_admin', 'teacher'];

export function belongsToSchool(role: StaffRole): boolean {
  return SCHOOL_ROLES.includes(role);
}

/** Only teachers lead classes: an admin sees the whole school anyway. */
export function leadsClasses(role: StaffRole): boolean {
  return ROLE_MARKS_AS[role] === 'teacher';
}

/** How a mark made by staff of this role is recorded in the history. */
export const ROLE_MARKS_AS: Record<StaffRole, 'teacher' | 'admin'> = {
  district_admin: 'admin',
  school_admin: 'admin',
  teacher: 'teacher',
};
