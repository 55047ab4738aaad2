'use client';

import { Card, EmptyState, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { classesQuery } from '../../api/queries';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';
import { classOverviewQuery } from '../changes/changes-api';
import { ClassCardSummary } from '../changes/class-card-summary';
import { useCurrentUser } from '../shell/current-user';
import classes from './my-classes.module.css';

/** The teacher's start page: the classes they lead, and nobody else's, each with its figures and its news. */
export function MyClasses() {
  const t = useTranslations('myClasses');
  const user = useCurrentUser();
  const query = useQuery(classesQuery({}));
  // The figures come in one answer for all the classes; the cards show without them until then.
  const overview = useQuery(classOverviewQuery());
  const byClass = useMemo(
    () => new Map((overview.data?.classes ?? []).map((card) => [card.classId, card])),
    [overview.data],
  );

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
            const card = byClass.get(schoolClass.id);
            return (
              <li key={schoolClass.id}>
                <Card withBorder radius="md" padding="lg" className={classes.card} data-testid="class-card">
                  <Stack gap={4}>
                    <Title order={2} fz={32} lh={1.1}>
                      {/* The whole card opens the class (the link's area covers it); its name is the link's name. */}
                      <Link href={`/classes/${schoolClass.id}`} className={classes.cardLink}>
                        {schoolClass.name}
                      </Link>
                    </Title>
                    <Text c="dimmed" size="sm">
                      {t('academicYear', { year: schoolClass.academicYear })}
                    </Text>
                    {colleagues.length > 0 && (
                      <Text size="sm">
                        {t('colleagues', { names: colleagues.map((teacher) => teacher.fullName).join(', ') })}
                      </Text>
                    )}
                    {card && <ClassCardSummary overview={card} />}
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
