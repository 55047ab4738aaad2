import type { CurrentUser } from '@sferum/contracts';

/** A menu item's text: its full key in the message files (the reports keep theirs in reports.*.json). */
export type NavLabel =
  | 'shell.nav.myClasses'
  | 'shell.nav.school'
  | 'shell.nav.schools'
  | 'shell.nav.staff'
  | 'shell.nav.account'
  | 'reports.nav.district'
  | 'reports.nav.school'
  | 'reports.nav.apiKeys';

export interface NavItem {
  href: string;
  label: NavLabel;
}

/** The dashboard's menu for a role; paths without a locale prefix. */
export function navItems(user: Pick<CurrentUser, 'role' | 'schoolId'>): NavItem[] {
  const account: NavItem = { href: '/account', label: 'shell.nav.account' };
  const staff: NavItem = { href: '/staff', label: 'shell.nav.staff' };
  switch (user.role) {
    case 'teacher':
      return [{ href: '/classes', label: 'shell.nav.myClasses' }, account];
    case 'school_admin':
      return [
        ...(user.schoolId
          ? [
              { href: `/schools/${user.schoolId}`, label: 'shell.nav.school' } as const,
              { href: `/reports/schools/${user.schoolId}`, label: 'reports.nav.school' } as const,
            ]
          : []),
        staff,
        account,
      ];
    case 'district_admin':
      return [
        { href: '/schools', label: 'shell.nav.schools' },
        { href: '/reports/district', label: 'reports.nav.district' },
        { href: '/reports/keys', label: 'reports.nav.apiKeys' },
        staff,
        account,
      ];
  }
}

/** A menu item is current on its own page and on the pages under it. */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
