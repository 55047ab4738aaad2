'use client';

import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { kindProgress, type KindReport, type ProgressReport } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { Link } from '../../i18n/client-navigation';
import { ProgressShare } from './progress-share';
import { OptedOutNote } from './progress-table';
import { formatCount } from './report-model';

/** «Прогресс» of one kind of people in a unit, with how many of how many, and those who do not use Sferum apart. */
export function KindProgress({ kind, label }: { kind: KindReport; label: string }) {
  return (
    <Stack gap={0}>
      <ProgressShare
        share={kindProgress(kind)}
        connected={kind.overall.connected}
        participants={kind.participants}
        label={label}
      />
      <OptedOutNote count={kind.overall.optedOut} />
    </Stack>
  );
}

/** People who marked that something blocks them: students and parents. */
export function BlockedCounts({ report }: { report: ProgressReport }) {
  const t = useTranslations('reports.overview');
  const locale = useLocale();
  return (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {t('byKind', {
        students: formatCount(report.students.overall.blocked, locale),
        parents: formatCount(report.parents.overall.blocked, locale),
      })}
    </Text>
  );
}

/**
 * A unit's progress at a glance, at the top of its page (the school's, the
 * district's schools): students and parents connected, who is blocked, and
 * the way to the unit's report with its figures row by row.
 */
export function ProgressOverview({
  total,
  name,
  report,
}: {
  total: ProgressReport;
  /** the school's or the district's name, for the bars' labels */
  name: string;
  report: { href: string; label: string };
}) {
  const t = useTranslations('reports');
  return (
    <Paper
      withBorder
      p="md"
      mb="xl"
      component="section"
      aria-labelledby="progress-overview"
      data-testid="progress-overview"
    >
      <Group justify="space-between" align="baseline" gap="xs" mb={4}>
        <Title order={2} fz="lg" id="progress-overview">
          {t('progress.label')}
        </Title>
        <Anchor component={Link} href={report.href} size="sm">
          {report.label}
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('table.progressHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('totals.students')}
          </Text>
          <KindProgress kind={total.students} label={t('overview.students', { name })} />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('totals.parents')}
          </Text>
          <KindProgress kind={total.parents} label={t('overview.parents', { name })} />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('totals.statuses.blocked')}
          </Text>
          <BlockedCounts report={total} />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}
