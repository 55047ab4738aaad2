'use client';

import { Button, EmptyState, Group, Stack, Text, Title } from '@mantine/core';
import type { HistoryReport, ProgressReport } from '@sferum/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { getPathname } from '../../i18n/navigation';
import { isAppLocale, routing } from '../../i18n/routing';
import { HistoryChart } from './history-chart';
import { PathSteps, type PathSection } from './path-steps';
import { ProgressTable, type TableRow } from './progress-table';
import { ReportAsOf } from './report-as-of';
import { ReportTotals } from './report-totals';

interface Props {
  /** when the figures were counted */
  asOf: string;
  total: ProgressReport;
  rows: TableRow[];
  /** Show each row's path: always for a district, for a school only when its classes differ. */
  withPath: boolean;
  /** The per-step figures, one section per path. */
  sections: PathSection[];
  tableHeading: string;
  nameHeader: string;
  empty: { title: string; text: string };
  /** The XLSX of the table, without a locale prefix. */
  exportPath: string;
  history: UseQueryResult<HistoryReport>;
}

/**
 * What the district and the school reports share: the path-independent
 * totals, the sortable table, the steps and blockers per path, the trend.
 */
export function ReportBody({
  asOf,
  total,
  rows,
  withPath,
  sections,
  tableHeading,
  nameHeader,
  empty,
  exportPath,
  history,
}: Props) {
  const t = useTranslations('reports.table');
  const locale = useLocale();
  const appLocale = isAppLocale(locale) ? locale : routing.defaultLocale;

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <ReportAsOf asOf={asOf} />
        <ReportTotals total={total} />
      </Stack>

      <section aria-labelledby="report-table">
        <Group justify="space-between" align="flex-end" mb="xs">
          <Title order={2} fz="xl" id="report-table">
            {tableHeading}
          </Title>
          {rows.length > 0 && (
            <Button
              component="a"
              href={getPathname({ href: exportPath, locale: appLocale })}
              variant="default"
              size="sm"
            >
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
            <ProgressTable rows={rows} nameHeader={nameHeader} withPath={withPath} />
          </>
        )}
      </section>

      {rows.length > 0 && <PathSteps sections={sections} />}

      <HistoryChart
        days={history.data?.days}
        asOf={history.data?.asOf}
        pending={history.isPending}
        error={history.isError ? history.error : null}
        onRetry={() => void history.refetch()}
      />
    </Stack>
  );
}
