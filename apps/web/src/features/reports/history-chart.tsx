'use client';

import { Box, Group, Paper, Text, Title } from '@mantine/core';
import type { HistoryDay } from '@sferum/contracts';
import { useElementSize } from '@mantine/hooks';
import { useLocale, useTranslations } from 'next-intl';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { ReportAsOf } from './report-as-of';
import { formatShare, hasTrend, historySeries, pathsChanged, type HistoryPoint } from './report-model';

const HEIGHT = 240;
/** About one date label per this many pixels, so they never overlap. */
const PX_PER_TICK = 100;
const PAD = { top: 12, right: 16, bottom: 32, left: 52 };
const GRID = [0, 0.25, 0.5, 0.75, 1];
const COLORS = { students: 'var(--mantine-color-blue-6)', parents: 'var(--mantine-color-teal-6)' } as const;

function dayLabel(day: string, locale: string): string {
  // The day is a Moscow calendar date: format it as such, not as a moment in the viewer's zone.
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/**
 * Up to `count` indexes of `length` items, a whole number of days apart (so no two labels come
 * closer than the rest), always the first and the last; the one before the last goes if it is
 * less than half a step from it.
 */
export function tickIndexes(length: number, count: number): number[] {
  if (length <= count) return Array.from({ length }, (_, i) => i);
  const step = Math.ceil((length - 1) / (count - 1));
  const ticks: number[] = [];
  for (let i = 0; i < length - 1; i += step) ticks.push(i);
  if (ticks.length > 1 && length - 1 - (ticks.at(-1) ?? 0) < step / 2) ticks.pop();
  ticks.push(length - 1);
  return ticks;
}

/** Drawn at the pixel width of its box (not scaled), so the labels keep their size on a tablet and a laptop. */
function Chart({ points, label, width }: { points: HistoryPoint[]; label: string; width: number }) {
  const locale = useLocale();
  const WIDTH = width;
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const ticks = new Set(tickIndexes(points.length, Math.max(2, Math.floor(innerW / PX_PER_TICK))));
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (i / (points.length - 1)) * innerW);
  const y = (share: number) => PAD.top + (1 - share) * innerH;
  const line = (key: 'students' | 'parents') =>
    points.map((point, i) => `${x(i).toFixed(1)},${y(point[key]).toFixed(1)}`).join(' ');

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={label}
      style={{ display: 'block', fontFamily: 'inherit' }}
    >
      {GRID.map((share) => (
        <g key={share}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(share)} y2={y(share)} stroke="var(--mantine-color-gray-3)" />
          <text
            x={PAD.left - 8}
            y={y(share)}
            textAnchor="end"
            dominantBaseline="middle"
            fontSize={12}
            fill="var(--mantine-color-dimmed)"
          >
            {formatShare(share, locale)}
          </text>
        </g>
      ))}
      {points.map(
        (point, i) =>
          ticks.has(i) && (
            <text
              key={point.day}
              x={x(i)}
              y={HEIGHT - 10}
              textAnchor={i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
              fontSize={12}
              fill="var(--mantine-color-dimmed)"
            >
              {dayLabel(point.day, locale)}
            </text>
          ),
      )}
      {(['parents', 'students'] as const).map((key) => (
        <g key={key}>
          <polyline points={line(key)} fill="none" stroke={COLORS[key]} strokeWidth={2.5} strokeLinejoin="round" />
          {points.length <= 31 &&
            points.map((point, i) => <circle key={point.day} cx={x(i)} cy={y(point[key])} r={3} fill={COLORS[key]} />)}
        </g>
      ))}
    </svg>
  );
}

/** Students' and parents' progress by day, from the daily snapshots; a note instead while there are too few days. */
export function HistoryChart({
  days,
  asOf,
  pending,
  error,
  onRetry,
}: {
  days: readonly HistoryDay[] | undefined;
  /** when the history was read; shown once it is */
  asOf: string | undefined;
  pending: boolean;
  error: unknown;
  onRetry: () => void;
}) {
  const t = useTranslations('reports.history');
  const locale = useLocale();
  const points = historySeries(days ?? []);
  const { ref, width } = useElementSize();
  const first = points[0];
  const last = points.at(-1);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="report-history">
      <Title order={2} fz="xl" id="report-history">
        {t('heading')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('hint')}
      </Text>
      <Box mb={days && pathsChanged(days) ? 'xs' : 'md'}>
        {asOf && <ReportAsOf asOf={asOf} testId="history-as-of" />}
      </Box>
      {days && pathsChanged(days) && (
        <Text size="sm" mb="md" data-testid="history-path-changed">
          {t('pathChanged')}
        </Text>
      )}
      <Box data-testid="history-chart">
        {pending ? (
          <LoadingState />
        ) : error ? (
          <ErrorState error={error} onRetry={onRetry} />
        ) : hasTrend(points) && first && last ? (
          <>
            <Group gap="lg" mb="xs">
              {(['students', 'parents'] as const).map((key) => (
                <Group key={key} gap={6} wrap="nowrap">
                  <Box w={16} h={3} bg={COLORS[key]} aria-hidden />
                  <Text size="sm">{t(key)}</Text>
                </Group>
              ))}
            </Group>
            <Box ref={ref} h={HEIGHT}>
              {width > 0 && (
                <Chart
                  width={width}
                  points={points}
                  label={t('chartLabel', {
                    from: dayLabel(first.day, locale),
                    to: dayLabel(last.day, locale),
                    students: formatShare(last.students, locale),
                    parents: formatShare(last.parents, locale),
                  })}
                />
              )}
            </Box>
          </>
        ) : (
          <Text c="dimmed" py="lg" ta="center" data-testid="history-empty">
            {t('empty')}
          </Text>
        )}
      </Box>
    </Paper>
  );
}
