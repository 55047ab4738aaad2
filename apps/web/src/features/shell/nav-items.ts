import type { CurrentUser } from '@sferum/contracts';

export type NavLabel = 'myClasses' | 'school' | 'schools' | 'staff' | 'account';

export interface NavItem {
  href: string;
  label: NavLabel;
}

/** The dashboard's menu for a role; paths without a locale prefix. */
export function navItems(user: Pick<CurrentUser, 'role' | 'schoolId'>): NavItem[] {
  const account: NavItem = { href: '/account', label: 'account' };
  switch (user.role) {
    case 'teacher':
      return [{ href: '/classes', label: 'myClasses' }, account];
    case 'school_admin':
      return [
        ...(user.schoolId ? [{ href: `/schools/${user.schoolId}`, label: 'school' } as const] : []),
        { href: '/staff', label: 'staff' },
        account,
      ];
    case 'district_admin':
      return [{ href: '/schools', label: 'schools' }, { href: '/staff', label: 'staff' }, account];
  }
}

/** A menu item is current on its own page and on the pages under it. */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
