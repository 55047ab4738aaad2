'use client';

import { Anchor, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { isApiError } from '../../api/api-error';
import { classQuery, schoolQuery } from '../../api/queries';
import { landingPath, mayOpen, mayOpenSchool } from '../../auth/staff-areas';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link, usePathname } from '../../i18n/client-navigation';
import { useCurrentUser } from '../shell/current-user';
import classes from './class-page.module.css';

/**
 * Where the class page leads back to: an admin of the class's school (or its
 * district) to the school's page, a teacher to their classes.
 */
function useBackLink(classSchoolId: string | undefined): { href: string; label: string } {
  const t = useTranslations('classPage');
  const user = useCurrentUser();
  const schoolId = classSchoolId ?? user.schoolId;
  const toSchool = schoolId !== null && mayOpenSchool(user, schoolId);
  const school = useQuery({ ...schoolQuery(schoolId ?? ''), enabled: toSchool });
  if (toSchool) return { href: `/schools/${schoolId}`, label: school.data?.name ?? t('backToSchool') };
  if (mayOpen(user, 'myClasses')) return { href: '/classes', label: t('back') };
  return { href: landingPath(user), label: t('backToStart') };
}

/** The frame of every class tab: the class, its teachers, the tabs (the list's exports are on its own tab). */
export function ClassFrame({ classId, children }: { classId: string; children: ReactNode }) {
  const t = useTranslations('classPage');
  const user = useCurrentUser();
  const query = useQuery(classQuery(classId));
  const back = useBackLink(query.data?.schoolId);
  const pathname = usePathname();
  const base = `/classes/${classId}`;
  const tabs = [
    { href: base, label: t('tabRoster') },
    { href: `${base}/import`, label: t('tabImport') },
    { href: `${base}/links`, label: t('tabLinks') },
  ];
  // The printable letters belong to the links tab.
  const path = pathname.startsWith(`${base}/letters`) ? `${base}/links` : pathname;
  const current = tabs.findLast((tab) => path === tab.href || path.startsWith(`${tab.href}/`))?.href;

  return (
    <Stack gap="md">
      <Anchor component={Link} href={back.href} size="sm" className={classes.back}>
        ← {back.label}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        isApiError(query.error, 404) ? (
          <EmptyState
            title={t('notFoundTitle')}
            // A teacher may have been taken off the class; an admin sees every class of theirs.
            description={t(mayOpen(user, 'myClasses') ? 'notFoundText' : 'notFoundTextAdmin')}
            py="xl"
          />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <>
          <Group justify="space-between" align="flex-end" gap="md">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Title order={1} fz={{ base: 24, sm: 28 }}>
                {t('heading', { name: query.data.name })}
              </Title>
              <Text c="dimmed" size="sm">
                {t('academicYear', { year: query.data.academicYear })}
                {' · '}
                {query.data.teachers.length > 0
                  ? t('teachers', { names: query.data.teachers.map((teacher) => teacher.fullName).join(', ') })
                  : t('noTeachers')}
              </Text>
            </Stack>
          </Group>
          <nav aria-label={t('tabsLabel')} className={classes.tabs}>
            {tabs.map((tab) => (
              <Link
                key={tab.href}
                href={tab.href}
                className={classes.tab}
                aria-current={current === tab.href ? 'page' : undefined}
              >
                {tab.label}
              </Link>
            ))}
          </nav>
          {children}
        </>
      )}
    </Stack>
  );
}
