'use client';

import { Anchor, Group, Progress, Table, Text, UnstyledButton } from '@mantine/core';
import { useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { TableFrame } from '../../components/ui/table-frame';
import { Link } from '../../i18n/client-navigation';
import {
  formatCount,
  formatShare,
  nextSort,
  parentProgressOf,
  progressOf,
  sortRows,
  type ReportRow,
  type Sort,
  type SortKey,
} from './report-model';

export interface TableRow extends ReportRow {
  /** Only schools: how many classes. */
  classes?: number;
  /** Where the name links to, when it has its own report. */
  href?: string;
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

/** Schools of a district or classes of a school, sortable by name and by «Прогресс». */
export function ProgressTable({ rows, nameHeader }: { rows: readonly TableRow[]; nameHeader: string }) {
  const t = useTranslations('reports.table');
  const locale = useLocale();
  const [sort, setSort] = useState<Sort>({ key: 'name', direction: 'asc' });
  const sorted = sortRows(rows, sort);
  const withClasses = rows.some((row) => row.classes !== undefined);

  return (
    <TableFrame minWidth={withClasses ? 760 : 680}>
      <Table.Thead>
        <Table.Tr>
          <SortHeader sortKey="name" label={nameHeader} sort={sort} onSort={(key) => setSort(nextSort(sort, key))} />
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
          const progress = formatShare(progressOf(row), locale);
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
              {withClasses && <Table.Td ta="right">{formatCount(row.classes ?? 0, locale)}</Table.Td>}
              <Table.Td ta="right">{formatCount(row.students.people, locale)}</Table.Td>
              <Table.Td ta="right">{formatCount(row.parents.people, locale)}</Table.Td>
              <Table.Td miw={180}>
                <Group gap="sm" wrap="nowrap">
                  <Progress
                    value={progressOf(row) * 100}
                    size="lg"
                    radius="sm"
                    style={{ flex: 1 }}
                    aria-label={t('progressOf', { share: progress })}
                  />
                  <Text size="sm" fw={600} w={48} ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {progress}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td ta="right">{formatShare(parentProgressOf(row), locale)}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </TableFrame>
  );
}
