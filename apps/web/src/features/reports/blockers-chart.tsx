'use client';

import { Box, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { findBlocker, type OnboardingPath, type ProgressReport } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { isAppLocale, routing } from '../../i18n/routing';
import { formatCount, reasonCounts } from './report-model';

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box w={12} h={12} bg={color} style={{ borderRadius: 3 }} aria-hidden />
      <Text size="sm">{label}</Text>
    </Group>
  );
}

/** «Что мешает» on one path: for each of its reasons, students and parents blocked by it, as stacked bars on one scale. */
export function BlockersChart({
  total,
  path,
  headingId,
}: {
  total: ProgressReport;
  path: OnboardingPath;
  headingId: string;
}) {
  const t = useTranslations('reports.blockers');
  const raw = useLocale();
  const locale = isAppLocale(raw) ? raw : routing.defaultLocale;
  const counts = reasonCounts(total, path);
  const label = (reason: string) => findBlocker(path, reason)?.label[locale] ?? reason;
  const max = Math.max(0, ...counts.map((count) => count.total));

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Title order={4} fz="md" id={headingId}>
        {t('heading')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('hint')}
      </Text>
      {max === 0 ? (
        <Text c="dimmed">{t('none')}</Text>
      ) : (
        <>
          <Group gap="lg" mb="sm">
            <Swatch color="var(--mantine-color-orange-6)" label={t('students')} />
            <Swatch color="var(--mantine-color-grape-5)" label={t('parents')} />
          </Group>
          <Stack gap="sm" data-testid={`blockers-chart-${path.id}`}>
            {counts.map((count) => {
              const value = t('value', {
                total: formatCount(count.total, locale),
                students: formatCount(count.students, locale),
                parents: formatCount(count.parents, locale),
              });
              return (
                <Stack key={count.reason} gap={4}>
                  <Group justify="space-between" gap="xs" wrap="nowrap">
                    <Text size="sm">{label(count.reason)}</Text>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {formatCount(count.total, locale)}
                    </Text>
                  </Group>
                  {/* One image with its own name: the sections are not progress bars of their own. */}
                  <Progress.Root size="lg" radius="sm" role="img" aria-label={`${label(count.reason)}: ${value}`}>
                    <Progress.Section value={(count.students / max) * 100} color="orange.6" withAria={false} />
                    <Progress.Section value={(count.parents / max) * 100} color="grape.5" withAria={false} />
                  </Progress.Root>
                </Stack>
              );
            })}
          </Stack>
        </>
      )}
    </Paper>
  );
}
