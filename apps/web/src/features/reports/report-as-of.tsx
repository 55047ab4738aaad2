'use client';

import { Text } from '@mantine/core';
import { useLocale, useTranslations } from 'next-intl';

/**
 * «2 декабря 2026 г. в 21:25», always in Moscow time (the reports' days are
 * Moscow days), so the server's and the browser's renderings agree.
 */
export function formatAsOf(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Moscow',
  }).format(new Date(iso));
}

/** «По состоянию на …»: when the figures on the page were counted (the answer's `asOf`). */
export function ReportAsOf({ asOf, testId = 'report-as-of' }: { asOf: string; testId?: string }) {
  const t = useTranslations('reports');
  const locale = useLocale();
  return (
    <Text size="sm" c="dimmed" data-testid={testId}>
      {t.rich('asOf', {
        when: () => <time dateTime={asOf}>{formatAsOf(asOf, locale)}</time>,
      })}
    </Text>
  );
}
