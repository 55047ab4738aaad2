import { belongsToSchool, leadsClasses, roleMay, type CurrentUser } from '@sferum/contracts';

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

/** The dashboard's menu for a role, by its permissions; paths without a locale prefix. */
export function navItems(user: Pick<CurrentUser, 'role' | 'schoolId'>): NavItem[] {
  const { role, schoolId } = user;
  const ownSchool = belongsToSchool(role) && schoolId !== null ? schoolId : null;
  const items: Array<NavItem | false> = [
    leadsClasses(role) && { href: '/classes', label: 'shell.nav.myClasses' },
    roleMay(role, 'district.read') && { href: '/schools', label: 'shell.nav.schools' },
    roleMay(role, 'district.read') && { href: '/reports/district', label: 'reports.nav.district' },
    roleMay(role, 'district.manage') && { href: '/reports/keys', label: 'reports.nav.apiKeys' },
    ownSchool !== null &&
      roleMay(role, 'school.structure') && { href: `/schools/${ownSchool}`, label: 'shell.nav.school' },
    ownSchool !== null &&
      roleMay(role, 'school.report') && { href: `/reports/schools/${ownSchool}`, label: 'reports.nav.school' },
    roleMay(role, 'staff.manage') && { href: '/staff', label: 'shell.nav.staff' },
    { href: '/account', label: 'shell.nav.account' },
  ];
  return items.filter((item): item is NavItem => item !== false);
}

/** A menu item is current on its own page and on the pages under it. */
export function isCurrent(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}
