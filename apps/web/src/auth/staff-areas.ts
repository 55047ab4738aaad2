import { belongsToSchool, leadsClasses, roleMay, type CurrentUser, type StaffRole } from '@sferum/contracts';

/**
 * Who may open which part of the dashboard, by the permissions of
 * libs/contracts. The API scopes every answer on its own; this only keeps
 * people out of pages that would show them nothing.
 */
const AREAS = {
  myClasses: leadsClasses,
  /** A class's own pages: the teachers of the class, and the admins of its school or district (the API scopes which). */
  classPage: (role: StaffRole) => roleMay(role, 'class.work'),
  districtSchools: (role: StaffRole) => roleMay(role, 'district.read'),
  school: (role: StaffRole) => roleMay(role, 'school.structure'),
  staff: (role: StaffRole) => roleMay(role, 'staff.manage'),
  account: (role: StaffRole) => roleMay(role, 'staff.read'),
} as const satisfies Record<string, (role: StaffRole) => boolean>;

export type StaffArea = keyof typeof AREAS;

export function mayOpen(user: Pick<CurrentUser, 'role'>, area: StaffArea): boolean {
  return AREAS[area](user.role);
}

/** Where a staff member starts, without a locale prefix: the district's schools, their school, or their classes. */
export function landingPath(user: Pick<CurrentUser, 'role' | 'schoolId'>): string {
  if (mayOpen(user, 'districtSchools')) return '/schools';
  if (mayOpen(user, 'school')) return user.schoolId ? `/schools/${user.schoolId}` : '/account';
  return mayOpen(user, 'myClasses') ? '/classes' : '/account';
}

/** A school page is open to its own school admin and to the district admin (whose account belongs to no school). */
export function mayOpenSchool(user: Pick<CurrentUser, 'role' | 'schoolId'>, schoolId: string): boolean {
  return mayOpen(user, 'school') && (!belongsToSchool(user.role) || user.schoolId === schoolId);
}
