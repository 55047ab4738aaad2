'use client';

import { Text } from '@mantine/core';
import { useLocale, useTranslations } from 'next-intl';

/**
 * «2 декабря 2026 г.» and «21:25», always in Moscow time (the reports' days
 * are Moscow days). Date and time apart, joined by the message: the server's
 * and the browser's ICU then agree on every character.
 */
export function formatAsOf(iso: string, locale: string): { date: string; time: string } {
  const moment = new Date(iso);
  const tag = locale === 'ru' ? 'ru-RU' : 'en-GB';
  return {
    date: new Intl.DateTimeFormat(tag, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Moscow',
    }).format(moment),
    time: new Intl.DateTimeFormat(tag, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'Europe/Moscow',
    }).format(moment),
  };
}

/** «По состоянию на …»: when the figures on the page were counted (the answer's `asOf`). */
export function ReportAsOf({ asOf, testId = 'report-as-of' }: { asOf: string; testId?: string }) {
  const t = useTranslations('reports');
  const locale = useLocale();
  const { date, time } = formatAsOf(asOf, locale);
  return (
    <Text size="sm" c="dimmed" data-testid={testId}>
      {t.rich('asOf', { date, time, moment: (chunks) => <time dateTime={asOf}>{chunks}</time> })}
    </Text>
  );
}
