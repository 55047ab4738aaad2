'use client';

import { Anchor, Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { ProgressReport } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { TableFrame } from '../../components/ui/table-frame';
import { Link } from '../../i18n/client-navigation';
import { isAppLocale, routing } from '../../i18n/routing';
import {
  formatCount,
  knownPath,
  nextSort,
  parentProgressOf,
  progressOf,
  sortRows,
  type ReportRow,
  type Sort,
  type SortKey,
} from './report-model';
import { formatProgress, ProgressShare } from './progress-share';

export interface TableRow extends ReportRow {
  /** Only schools: how many classes. */
  classes?: number;
  /** Where the name links to, when it has its own report. */
  href?: string;
  /** The row's onboarding path; its per-step figures are in the path's own section. */
  pathId: string;
  pathName: string;
}

/** The path's name, in the page's language when the catalogue knows it, with the legacy badge. */
function PathCell({ row }: { row: TableRow }) {
  const t = useTranslations('reports.paths');
  const raw = useLocale();
  const path = knownPath(row.pathId);
  return (
    <Group gap={6} wrap="wrap" miw={140}>
      <Text size="sm">{path ? path.name[isAppLocale(raw) ? raw : routing.defaultLocale] : row.pathName}</Text>
      {path?.legacy && (
        <Badge color="orange" variant="light" size="sm">
          {t('legacy')}
        </Badge>
      )}
    </Group>
  );
}

/** Those who do not use Sferum, beside a share they are not part of: neutral, and only when there are any. */
export function OptedOutNote({ count }: { count: number }) {
  const t = useTranslations('reports.table');
  const locale = useLocale();
  if (count === 0) return null;
  return (
    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
      {t('optedOutNote', { count: formatCount(count, locale) })}
    </Text>
  );
}

/** The parents' share connected, as a number beside the students' bar, and how many of them said no. */
export function ParentsProgress({ report }: { report: ProgressReport }) {
  const locale = useLocale();
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm">{formatProgress(parentProgressOf(report), locale)}</Text>
      <OptedOutNote count={report.parents.overall.optedOut} />
    </Stack>
  );
}

function SortHeader({
  sortKey,
  label,
  sort,
  onSort,
  align,
}: {
  sortKey: SortKey;
  label: string;
  sort: Sort;
  onSort: (key: SortKey) => void;
  align?: 'left' | 'right';
}) {
  const t = useTranslations('reports.table');
  const active = sort.key === sortKey;
  const arrow = active ? (sort.direction === 'asc' ? '↑' : '↓') : '↕';
  return (
    <Table.Th
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      ta={align}
      style={{ whiteSpace: 'nowrap' }}
    >
      <UnstyledButton
        onClick={() => onSort(sortKey)}
        aria-label={`${t('sortBy', { column: label })}${active ? `, ${sort.direction === 'asc' ? t('sortAscending') : t('sortDescending')}` : ''}`}
        data-testid={`sort-${sortKey}`}
        fw={700}
        fz="sm"
        style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}
      >
        {label}
        <Text span c={active ? 'blue' : 'dimmed'} aria-hidden>
          {arrow}
        </Text>
      </UnstyledButton>
    </Table.Th>
  );
}

/** Schools of a district or classes of a school, sortable by name and by «Прогресс»; with their path when asked. */
export function ProgressTable({
  rows,
  nameHeader,
  withPath,
}: {
  rows: readonly TableRow[];
  nameHeader: string;
  withPath: boolean;
}) {
  const t = useTranslations('reports.table');
  const tOverview = useTranslations('reports.overview');
  const locale = useLocale();
  const [sort, setSort] = useState<Sort>({ key: 'name', direction: 'asc' });
  const sorted = sortRows(rows, sort);
  const withClasses = rows.some((row) => row.classes !== undefined);

  return (
    <TableFrame minWidth={(withClasses ? 760 : 680) + (withPath ? 180 : 0)}>
      <Table.Thead>
        <Table.Tr>
          <SortHeader sortKey="name" label={nameHeader} sort={sort} onSort={(key) => setSort(nextSort(sort, key))} />
          {withPath && <Table.Th>{t('path')}</Table.Th>}
          {withClasses && <Table.Th ta="right">{t('classes')}</Table.Th>}
          <Table.Th ta="right">{t('students')}</Table.Th>
          <Table.Th ta="right">{t('parents')}</Table.Th>
          <SortHeader
            sortKey="progress"
            label={t('progress')}
            sort={sort}
            onSort={(key) => setSort(nextSort(sort, key))}
          />
          <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
            {t('parentsProgress')}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((row) => {
          return (
            <Table.Tr key={row.id} data-testid="report-row" data-name={row.name} data-progress={progressOf(row)}>
              <Table.Td>
                {row.href ? (
                  <Anchor component={Link} href={row.href} fw={500}>
                    {row.name}
                  </Anchor>
                ) : (
                  <Text fw={500}>{row.name}</Text>
                )}
              </Table.Td>
              {withPath && (
                <Table.Td>
                  <PathCell row={row} />
                </Table.Td>
              )}
              {withClasses && <Table.Td ta="right">{formatCount(row.classes ?? 0, locale)}</Table.Td>}
              <Table.Td ta="right">{formatCount(row.students.people, locale)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.parents.people, locale)}</Table.Td>
              <Table.Td miw={180}>
                <ProgressShare share={progressOf(row)} label={tOverview('students', { name: row.name })} />
                <OptedOutNote count={row.students.overall.optedOut} />
              </Table.Td>
              <Table.Td ta="right">
                <ParentsProgress report={row} />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </TableFrame>
  );
}
