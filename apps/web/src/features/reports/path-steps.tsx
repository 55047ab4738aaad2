'use client';

import { Alert, Badge, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { kindProgress, stepShare, type KindReport, type OnboardingPath, type ProgressReport } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { isAppLocale, routing } from '../../i18n/routing';
import { BlockersChart } from './blockers-chart';
import { formatProgress } from './progress-share';
import { formatCount, formatShare, knownPath } from './report-model';

/** One path's figures: a school's total, or a district's schools on that path added up. */
export interface PathSection {
  pathId: string;
  pathName: string;
  report: ProgressReport;
  /** how many schools are on it, in a district */
  schools?: number;
}

function StepBars({
  title,
  kind,
  path,
  color,
}: {
  title: string;
  kind: KindReport;
  path: OnboardingPath;
  color: string;
}) {
  const t = useTranslations('reports.paths');
  const tTotals = useTranslations('reports.totals');
  const raw = useLocale();
  const locale = isAppLocale(raw) ? raw : routing.defaultLocale;
  const count = (value: number) => formatCount(value, locale);
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} fz="md" mb={4}>
        {title}
      </Title>
      <Text size="sm" mb="sm">
        {tTotals('progress')}: <b>{formatProgress(kindProgress(kind), locale)}</b>,{' '}
        {tTotals('connectedOf', { connected: count(kind.overall.connected), participants: count(kind.participants) })}
        {kind.overall.optedOut > 0 && (
          <Text span c="dimmed" size="sm">
            {' · '}
            {tTotals('optedOut', { count: count(kind.overall.optedOut) })}
          </Text>
        )}
      </Text>
      <Stack gap="sm">
        {path.steps.map((step) => {
          const counts = kind.steps[step.id];
          const done = counts?.done ?? 0;
          const of = counts ? counts.done + counts.notStarted + counts.blocked : 0;
          const share = counts ? stepShare(counts) : 0;
          const label = step.title[locale];
          const value = t('stepValue', { share: formatShare(share, locale), done: count(done), people: count(of) });
          return (
            <Stack key={step.id} gap={4}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm">{label}</Text>
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {value}
                </Text>
              </Group>
              <Progress
                value={Math.round(share * 100)}
                color={color}
                size="md"
                radius="sm"
                aria-label={`${label}: ${value}`}
              />
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

function OnePath({ section, headingId }: { section: PathSection; headingId: string }) {
  const t = useTranslations('reports.paths');
  const tTotals = useTranslations('reports.totals');
  const path = knownPath(section.pathId);
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group gap="xs" align="center">
        <Title order={3} fz="lg" id={headingId}>
          {section.pathName}
        </Title>
        {path?.legacy && (
          <Badge color="orange" variant="light">
            {t('legacy')}
          </Badge>
        )}
        {section.schools !== undefined && (
          <Text size="sm" c="dimmed">
            {t('schools', { count: section.schools })}
          </Text>
        )}
      </Group>
      {path ? (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }} spacing="md">
          <StepBars title={tTotals('students')} kind={section.report.students} path={path} color="blue" />
          <StepBars title={tTotals('parents')} kind={section.report.parents} path={path} color="teal" />
          <BlockersChart total={section.report} path={path} headingId={`${headingId}-blockers`} />
        </SimpleGrid>
      ) : (
        <Alert color="gray">{t('unknown')}</Alert>
      )}
    </Stack>
  );
}

/** Per-step figures, only ever within one path: one part per path the unit's schools are on. */
export function PathSteps({ sections }: { sections: readonly PathSection[] }) {
  const t = useTranslations('reports.paths');
  if (sections.length === 0) return null;
  return (
    <section aria-labelledby="report-paths">
      <Title order={2} fz="xl" mb={4} id="report-paths">
        {t('heading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('hint')}
      </Text>
      <Stack gap="xl">
        {sections.map((section) => (
          <OnePath key={section.pathId} section={section} headingId={`report-path-${section.pathId}`} />
        ))}
      </Stack>
    </section>
  );
}
