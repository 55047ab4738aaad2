import type { CurrentUser, StaffRole } from '@sferum/contracts';

/** The page a staff member starts on, without a locale prefix. */
export function landingPath(user: Pick<CurrentUser, 'role' | 'schoolId'>): string {
  switch (user.role) {
    case 'teacher':
      return '/classes';
    case 'school_admin':
      return user.schoolId ? `/schools/${user.schoolId}` : '/account';
    case 'district_admin':
      return '/schools';
  }
}

/**
 * Who may open which part of the dashboard. The API scopes every answer on its
 * own; this only keeps people out of pages that would show them nothing.
 */
export const AREA_ROLES = {
  myClasses: ['teacher'],
  districtSchools: ['district_admin'],
  school: ['district_admin', 'school_admin'],
  staff: ['district_admin', 'school_admin'],
  account: ['district_admin', 'school_admin', 'teacher'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffArea = keyof typeof AREA_ROLES;

export function mayOpen(user: Pick<CurrentUser, 'role'>, area: StaffArea): boolean {
  return (AREA_ROLES[area] as readonly StaffRole[]).includes(user.role);
}

/** A school page is open to its own school admin and to the district admin. */
export function mayOpenSchool(user: Pick<CurrentUser, 'role' | 'schoolId'>, schoolId: string): boolean {
  return user.role === 'district_admin' || (user.role === 'school_admin' && user.schoolId === schoolId);
}
