'use client';

import { Card, EmptyState, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { classesQuery } from '../../api/queries';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';
import { useCurrentUser } from '../shell/current-user';
import classes from './my-classes.module.css';

/** The teacher's start page: the classes they lead, and nobody else's. */
export function MyClasses() {
  const t = useTranslations('myClasses');
  const user = useCurrentUser();
  const query = useQuery(classesQuery({}));

  return (
    <>
      <PageHeader title={t('title')} description={user.schoolName ?? undefined} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState title={t('emptyTitle')} description={t('emptyText')} py="xl" />
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" component="ul" className={classes.list}>
          {query.data.map((schoolClass) => {
            const colleagues = schoolClass.teachers.filter((teacher) => teacher.id !== user.id);
            return (
              <li key={schoolClass.id}>
                <Card
                  component={Link}
                  href={`/classes/${schoolClass.id}`}
                  withBorder
                  radius="md"
                  padding="lg"
                  className={classes.card}
                  aria-label={t('openClass', { name: schoolClass.name })}
                >
                  <Stack gap={4}>
                    <Title order={2} fz={32} lh={1.1}>
                      {schoolClass.name}
                    </Title>
                    <Text c="dimmed" size="sm">
                      {t('academicYear', { year: schoolClass.academicYear })}
                    </Text>
                    {colleagues.length > 0 && (
                      <Text size="sm">
                        {t('colleagues', { names: colleagues.map((teacher) => teacher.fullName).join(', ') })}
                      </Text>
                    )}
                  </Stack>
                </Card>
              </li>
            );
          })}
        </SimpleGrid>
      )}
    </>
  );
}
