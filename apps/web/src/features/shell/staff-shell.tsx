'use client';

import { Anchor, AppShell, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { belongsToSchool, type CurrentUser } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Logo } from '../../components/logo';
import { landingPath } from '../../auth/staff-areas';
import { Link, usePathname } from '../../i18n/client-navigation';
import { routing } from '../../i18n/routing';
import { SignOutButton } from '../auth/sign-out-button';
import { CurrentUserProvider } from './current-user';
import { isCurrent, navItems } from './nav-items';
import classes from './staff-shell.module.css';

/** The dashboard frame: menu by role, who is signed in and where, sign-out. */
export function StaffShell({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const t = useTranslations('shell');
  const tRoles = useTranslations('roles');
  const tMeta = useTranslations('metadata');
  const tLayout = useTranslations('layout');
  const tMenu = useTranslations();
  const locale = useLocale();
  const pathname = usePathname();
  const [menuOpen, menu] = useDisclosure(false);
  const otherLocale = routing.locales.find((l) => l !== locale) ?? routing.defaultLocale;
  const organisation = belongsToSchool(user.role) ? (user.schoolName ?? user.districtName) : user.districtName;

  return (
    <CurrentUserProvider user={user}>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 270, breakpoint: 'md', collapsed: { mobile: !menuOpen } }}
        padding={{ base: 'md', md: 'xl' }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" className={classes.headerStart}>
              <Burger
                opened={menuOpen}
                onClick={menu.toggle}
                hiddenFrom="md"
                size="sm"
                aria-label={menuOpen ? t('closeMenu') : t('openMenu')}
                aria-expanded={menuOpen}
                aria-controls="staff-navigation"
              />
              <Link href={landingPath(user)} className={classes.brand}>
                <Logo className={classes.logo} />
                <span>{tMeta('title')}</span>
              </Link>
            </Group>
            <Anchor
              component={Link}
              href={pathname}
              locale={otherLocale}
              hrefLang={otherLocale}
              lang={otherLocale}
              size="sm"
            >
              {tLayout('otherLanguage')}
            </Anchor>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar id="staff-navigation" p="sm">
          <AppShell.Section grow component="nav" aria-label={t('navigation')}>
            {navItems(user).map((item) => (
              <NavLink
                key={item.href}
                component={Link}
                href={item.href}
                label={tMenu(item.label)}
                active={isCurrent(pathname, item.href)}
                aria-current={isCurrent(pathname, item.href) ? 'page' : undefined}
                onClick={menu.close}
                className={classes.navLink}
              />
            ))}
          </AppShell.Section>
          <AppShell.Section className={classes.user}>
            <Stack gap={4} mb="sm">
              <Text fw={600} size="sm" data-testid="current-user-name">
                {user.fullName}
              </Text>
              <Text size="sm" c="dimmed">
                {tRoles(user.role)}
              </Text>
              <Text size="sm" c="dimmed">
                {organisation}
              </Text>
            </Stack>
            <SignOutButton />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main">{children}</AppShell.Main>
      </AppShell>
    </CurrentUserProvider>
  );
}
