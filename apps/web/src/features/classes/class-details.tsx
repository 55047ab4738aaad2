'use client';

import { Anchor, EmptyState, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { isApiError } from '../../api/api-error';
import { classQuery } from '../../api/queries';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';

/** One class of the teacher. The roster arrives with a later feature; until then an honest empty state. */
export function ClassDetails({ classId }: { classId: string }) {
  const t = useTranslations('classDetails');
  const query = useQuery(classQuery(classId));

  return (
    <Stack gap="md">
      <Anchor component={Link} href="/classes" size="sm">
        ← {t('back')}
      </Anchor>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        isApiError(query.error, 404) ? (
          <EmptyState title={t('notFoundTitle')} description={t('notFoundText')} py="xl" />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )
      ) : (
        <>
          <PageHeader
            title={t('heading', { name: query.data.name })}
            description={t('academicYear', { year: query.data.academicYear })}
          />
          <Text>
            {query.data.teachers.length > 0
              ? t('teachers', { names: query.data.teachers.map((teacher) => teacher.fullName).join(', ') })
              : t('noTeachers')}
          </Text>
          <Paper withBorder radius="md" p="lg">
            <Title order={2} fz="lg" mb="sm">
              {t('rosterTitle')}
            </Title>
            <EmptyState title={t('rosterEmpty')} description={t('rosterSoon')} size="sm" py="lg" />
          </Paper>
        </>
      )}
    </Stack>
  );
}
