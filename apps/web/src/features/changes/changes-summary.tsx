'use client';

import { Button, Collapse, Group, Paper, Text, Title } from '@mantine/core';
import { CHANGES_LIST_LIMIT, FIRST_VISIT_DAYS, type ClassChanges, type OnboardingPath } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState } from 'react';
import { changesApi, changesKeys, classChangesQuery } from './changes-api';
import { useChangeWords, useCountPhrases, useWhen } from './change-words';
import classes from './changes.module.css';

function ChangeList({ summary, path }: { summary: ClassChanges; path: OnboardingPath }) {
  const t = useTranslations('changes');
  const words = useChangeWords(path);
  const when = useWhen();
  return (
    <>
      <ul className={classes.changes} data-testid="changes-list">
        {summary.changes.map((change) => {
          const { who, what } = words(change);
          return (
            <li key={`${change.kind}-${change.personId}`} data-kind={change.kind}>
              <Text size="sm">
                <strong>{who}</strong> — {what}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`sources.${change.source}`)} · {when(change.at)}
              </Text>
            </li>
          );
        })}
      </ul>
      {summary.changes.length >= CHANGES_LIST_LIMIT && (
        <Text size="xs" c="dimmed">
          {t('more')}
        </Text>
      )}
    </>
  );
}

/**
 * «Что изменилось»: what families did since the caller last opened this class
 * (the last days on a first visit), as counts and a short list that opens.
 * Once shown, the visit is recorded up to the summary's time, and the summary
 * stays as it was until the page is opened again.
 */
export function ChangesSummary({ classId, path }: { classId: string; path: OnboardingPath }) {
  const t = useTranslations('changes');
  const queryClient = useQueryClient();
  const query = useQuery(classChangesQuery(classId));
  const phrases = useCountPhrases();
  const when = useWhen();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const titleId = useId();
  const markedUpTo = useRef<string | null>(null);
  const seen = useMutation({
    mutationFn: (asOf: string) => changesApi.markSeen(classId, asOf),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: changesKeys.overview }),
  });
  const markSeen = seen.mutate;
  const asOf = query.data?.asOf;

  useEffect(() => {
    if (asOf === undefined || markedUpTo.current === asOf) return;
    markedUpTo.current = asOf;
    markSeen(asOf);
  }, [asOf, markSeen]);

  // The summary is an aid: while it loads, or if it cannot, the class page goes on without it.
  if (!query.data) return null;
  const summary = query.data;
  const counts = phrases(summary.counts, path.id);

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={titleId}
      data-testid="changes-summary"
      className={classes.summary}
    >
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={2} fz="md" id={titleId}>
          {t('title')}
        </Title>
        <Text size="sm" c="dimmed" data-testid="changes-since">
          {summary.seenAt === null
            ? t('firstVisit', { days: FIRST_VISIT_DAYS })
            : t('sinceVisit', { date: when(summary.seenAt) })}
        </Text>
      </Group>
      {counts.length === 0 ? (
        <Text size="sm" mt={4}>
          {t('nothingNew')}
        </Text>
      ) : (
        <>
          <Text size="sm" mt={4} fw={500} data-testid="changes-counts">
            {counts.join(', ')}
          </Text>
          {summary.changes.length > 0 && (
            <>
              <Button
                variant="subtle"
                size="compact-sm"
                mt={4}
                px={0}
                aria-expanded={open}
                aria-controls={listId}
                onClick={() => setOpen((value) => !value)}
              >
                {open ? t('hideList') : t('showList', { count: summary.changes.length })}
              </Button>
              <Collapse expanded={open} id={listId}>
                <ChangeList summary={summary} path={path} />
              </Collapse>
            </>
          )}
        </>
      )}
    </Paper>
  );
}
