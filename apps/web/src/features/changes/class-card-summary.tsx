'use client';

import { Text } from '@mantine/core';
import { FIRST_VISIT_DAYS, type ClassOverview } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useCountPhrases, useWhen } from './change-words';
import classes from './changes.module.css';

/**
 * A class card's figures: students and parents connected of those taking part
 * (as the class page counts them), the people with a problem and the opted-out
 * apart, and what is new since the caller's last visit.
 */
export function ClassCardSummary({ overview }: { overview: ClassOverview }) {
  const t = useTranslations('changes.card');
  const phrases = useCountPhrases();
  const when = useWhen();
  const { students, parents } = overview;
  const problems = students.blocked + parents.blocked;
  const optedOut = students.optedOut + parents.optedOut;
  const news = phrases(overview.changes, overview.pathId);
  const firstVisit = overview.seenAt === null;

  if (students.people === 0) {
    return (
      <Text size="sm" c="dimmed" mt="xs" data-testid="card-summary">
        {t('nobody')}
      </Text>
    );
  }

  return (
    <div data-testid="card-summary">
      <ul className={classes.cardFacts}>
        <Text component="li" size="sm" fw={600} data-testid="card-students">
          {students.participants === 0
            ? t('allOptedOut')
            : t('students', { connected: students.connected, participants: students.participants })}
        </Text>
        {parents.participants > 0 && (
          <Text component="li" size="sm" data-testid="card-parents">
            {t('parents', { connected: parents.connected, participants: parents.participants })}
          </Text>
        )}
        {(problems > 0 || optedOut > 0) && (
          <Text component="li" size="sm" data-testid="card-problems">
            {problems > 0 && (
              <Text span c="red.9" fw={600} size="sm">
                {t('problems', { count: problems })}
              </Text>
            )}
            {problems > 0 && optedOut > 0 && ' · '}
            {optedOut > 0 && (
              // Apart and in grey: not using Sferum/MAX is the family's choice, never a failure.
              <Text span c="dimmed" size="sm">
                {t('optedOut', { count: optedOut })}
              </Text>
            )}
          </Text>
        )}
      </ul>
      <Text size="sm" mt="xs" data-testid="card-news">
        {news.length === 0
          ? firstVisit
            ? t('nothingNewFirst', { days: FIRST_VISIT_DAYS })
            : t('nothingNew', { date: when(overview.seenAt ?? overview.since) })
          : `${firstVisit ? t('firstVisit', { days: FIRST_VISIT_DAYS }) : t('sinceVisit', { date: when(overview.seenAt ?? overview.since) })} ${news.join(', ')}`}
      </Text>
    </div>
  );
}
