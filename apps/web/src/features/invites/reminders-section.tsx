'use client';

import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PATH_CATALOGUE, type FamilyInvite, type OnboardingPath } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { errorMessageKey } from '../../api/error-message';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { invitesKey, markReminded, reminderRosterQuery } from './invites-api';
import { formatDate } from './format-date';
import { inSentence, missingItemTitle, optedOutFamilies, whomToRemind, type PersonToRemind } from './reminders';
import { CopyValueButton } from '../../components/ui/copy-value-button';

/**
 * Families with unfinished steps of the school's path, each with a ready
 * message that carries their link; nobody who opted out. Nothing is sent from here.
 */
export function Reminders({
  classId,
  invites,
  onIssue,
}: {
  classId: string;
  invites: FamilyInvite[];
  onIssue: (familyId: string) => void;
}) {
  const t = useTranslations('reminders');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const queryClient = useQueryClient();
  const roster = useQuery(reminderRosterQuery(classId));
  const [canShare, setCanShare] = useState(false);
  // Known only in the browser, after hydration: the server renders without the button.
  useEffect(() => setCanShare(typeof navigator.share === 'function'), []);

  const reminded = useMutation({
    mutationFn: (familyId: string) => markReminded(familyId),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('marked') });
      await queryClient.invalidateQueries({ queryKey: invitesKey(classId) });
    },
    onError: (error) => notifications.show({ color: 'red', message: tErrors(errorMessageKey(error)) }),
  });

  const missingText = (people: PersonToRemind[], path: OnboardingPath) =>
    people
      .map((person) => {
        const items = person.missing.map((item) => {
          const title = missingItemTitle(path, item, person.kind);
          return title ? inSentence(title[locale], locale) : 'step' in item ? item.step : '';
        });
        return t('person', { name: person.name, items: items.join(', ') });
      })
      .join('; ');

  let content;
  if (roster.isPending) content = <LoadingState />;
  else if (roster.isError) content = <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
  else {
    const path = PATH_CATALOGUE.get(roster.data.pathId);
    const toRemind = whomToRemind(roster.data, path);
    const skipped = optedOutFamilies(roster.data).size;
    const rows = invites.filter((invite) => toRemind.has(invite.familyId));
    const skippedNote =
      skipped > 0 ? (
        <Text size="sm" c="dimmed" data-testid="reminders-opted-out">
          {t('optedOutFamilies', { count: skipped, path: path.id })}
        </Text>
      ) : null;
    content =
      rows.length === 0 ? (
        <Stack gap="xs">
          <Text>{t('empty')}</Text>
          {skippedNote}
        </Stack>
      ) : (
        <Stack gap="md">
          {skippedNote}
          {rows.map((invite) => {
            const people = toRemind.get(invite.familyId) ?? [];
            const missing = missingText(people, path);
            const message = invite.link ? t('text', { missing, link: invite.link, path: path.id }) : null;
            return (
              <Paper key={invite.familyId} withBorder radius="md" p="md" data-reminder-family={invite.familyId}>
                <Stack gap="xs">
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Text fw={600}>{[...invite.students, ...invite.parents].join(', ')}</Text>
                    <Text size="sm" c="dimmed">
                      {invite.lastRemindedAt
                        ? t('lastReminded', { date: formatDate(locale, invite.lastRemindedAt) ?? '' })
                        : t('neverReminded')}
                    </Text>
                  </Group>
                  <Text size="sm">
                    <Text span fw={500} size="sm">
                      {t('missing')}:
                    </Text>{' '}
                    {missing}
                  </Text>
                  {message ? (
                    <>
                      <Textarea label={t('message')} value={message} readOnly autosize minRows={3} />
                      <Group gap="xs">
                        <CopyValueButton value={message} label={t('copy')} copiedLabel={t('copied')} compact />
                        {canShare && (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => void navigator.share({ text: message }).catch(() => undefined)}
                          >
                            {t('share')}
                          </Button>
                        )}
                        <Button
                          size="xs"
                          variant="light"
                          loading={reminded.isPending && reminded.variables === invite.familyId}
                          onClick={() => reminded.mutate(invite.familyId)}
                        >
                          {t('markReminded')}
                        </Button>
                      </Group>
                    </>
                  ) : (
                    <Group gap="xs">
                      <Text size="sm" c="dimmed">
                        {t('noLink')}
                      </Text>
                      <Button size="xs" variant="light" onClick={() => onIssue(invite.familyId)}>
                        {t('issueLink')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      );
  }

  return (
    <Stack gap="md" component="section" aria-labelledby="reminders-title">
      <div>
        <Title order={2} fz="h3" id="reminders-title">
          {t('title')}
        </Title>
        <Text c="dimmed">{t('description')}</Text>
      </div>
      {content}
    </Stack>
  );
}
