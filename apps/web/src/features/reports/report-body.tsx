'use client';

import { Button, EmptyState, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { HistoryReport, ProgressReport } from '@sferum/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { getPathname } from '../../i18n/navigation';
import { isAppLocale, routing } from '../../i18n/routing';
import { BlockersChart } from './blockers-chart';
import { HistoryChart } from './history-chart';
import { ProgressTable, type TableRow } from './progress-table';
import { ReportTotals } from './report-totals';

interface Props {
  total: ProgressReport;
  rows: TableRow[];
  tableHeading: string;
  nameHeader: string;
  empty: { title: string; text: string };
  /** The XLSX of the table, without a locale prefix. */
  exportPath: string;
  history: UseQueryResult<HistoryReport>;
}

/** What the district and the school reports share: totals, the sortable table, blockers and the trend. */
export function ReportBody({ total, rows, tableHeading, nameHeader, empty, exportPath, history }: Props) {
  const t = useTranslations('reports.table');
  const locale = useLocale();
  const appLocale = isAppLocale(locale) ? locale : routing.defaultLocale;

  return (
    <Stack gap="xl">
      <ReportTotals total={total} />

      <section aria-labelledby="report-table">
        <Group justify="space-between" align="flex-end" mb="xs">
          <Title order={2} fz="xl" id="report-table">
            {tableHeading}
          </Title>
          {rows.length > 0 && (
            <Button component="a" href={getPathname({ href: exportPath, locale: appLocale })} variant="default" size="sm">
              {t('export')}
            </Button>
          )}
        </Group>
        {rows.length === 0 ? (
          <EmptyState title={empty.title} description={empty.text} py="xl" />
        ) : (
          <>
            <Text size="sm" c="dimmed" mb="sm">
              {t('progressHint')}
            </Text>
            <ProgressTable rows={rows} nameHeader={nameHeader} />
          </>
        )}
      </section>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <HistoryChart
          days={history.data?.days}
          pending={history.isPending}
          error={history.isError ? history.error : null}
          onRetry={() => void history.refetch()}
        />
        <BlockersChart total={total} />
      </SimpleGrid>
    </Stack>
  );
}
