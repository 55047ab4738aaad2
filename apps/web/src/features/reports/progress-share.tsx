'use client';

import { Group, Progress, Stack, Text } from '@mantine/core';
import { useLocale, useTranslations } from 'next-intl';
import { formatCount, formatShare } from './report-model';

/**
 * «Прогресс» as every page writes it: a whole percent («42 %»), from the one
 * definition in the contract (`progressShare`, the reports' `shareConnected`).
 */
export function formatProgress(share: number, locale: string): string {
  return formatShare(share, locale);
}

interface ProgressShareProps {
  /** 0..1: a report's `overall.shareConnected`, or progressShare(connected, participants) */
  share: number;
  /** with both counts, «подключены 12 из 27» is written under the bar */
  connected?: number;
  participants?: number;
  /** what the bar is of, for a screen reader: «Прогресс» unless told (the visible percent is part of its name) */
  label?: string;
  /** `compact`: the bar and the percent on one line, for a table cell */
  variant?: 'compact' | 'full';
}

/**
 * «Прогресс» shown the same on every page: a labelled bar, the percent, and
 * optionally how many of how many. Use it wherever progress of a class, a
 * school or a district appears.
 */
export function ProgressShare({ share, connected, participants, label, variant = 'compact' }: ProgressShareProps) {
  const t = useTranslations('reports.progress');
  const locale = useLocale();
  const percent = formatProgress(share, locale);
  const counts =
    connected !== undefined && participants !== undefined
      ? t('connectedOf', { connected: formatCount(connected, locale), participants: formatCount(participants, locale) })
      : null;
  const name = t('barLabel', { label: label ?? t('label'), share: percent });
  return (
    <Stack gap={2} miw={variant === 'compact' ? 140 : undefined} data-testid="progress-share" data-share={share}>
      <Group gap="sm" wrap="nowrap">
        {/* A whole percent, as the text beside it: a screen reader reads the bar's value too. */}
        <Progress value={Math.round(share * 100)} size="lg" radius="sm" style={{ flex: 1 }} aria-label={name} />
        <Text
          size={variant === 'full' ? 'lg' : 'sm'}
          fw={variant === 'full' ? 700 : 600}
          miw={48}
          ta="right"
          style={{ whiteSpace: 'nowrap' }}
        >
          {percent}
        </Text>
      </Group>
      {counts && (
        <Text size="xs" c="dimmed">
          {counts}
        </Text>
      )}
    </Stack>
  );
}
