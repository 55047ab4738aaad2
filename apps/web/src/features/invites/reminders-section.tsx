'use client';

import { Accordion, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { PATH_CATALOGUE, type FamilyInvite } from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { errorMessageKey } from '../../api/error-message';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';
import { classQuery } from '../../api/queries';
import { formatDate, localDay } from './format-date';
import { invitesKey, markReminded, reminderRosterQuery } from './invites-api';
import { printedCode } from './letters-model';
import {
  classChatMessage,
  deadlineAhead,
  familyProblems,
  optedOutFamilies,
  presentFamilies,
  reminderLine,
  reminderMessage,
  whomToRemind,
} from './reminders';
import classes from './reminders.module.css';

/** Known only in the browser, after hydration: the server renders without the button, so it is never dead. */
function useCanShare(): boolean {
  const [canShare, setCanShare] = useState(false);
  useEffect(() => setCanShare(typeof navigator.share === 'function'), []);
  return canShare;
}

/** Copy and, where the browser has it, share; the outcome is said aloud in a live region beside the buttons. */
function CopyShare({ text, copyLabel, children }: { text: string; copyLabel: string; children?: React.ReactNode }) {
  const t = useTranslations('reminders');
  const canShare = useCanShare();
  const [said, setSaid] = useState<'copied' | 'copyFailed' | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const say = (what: 'copied' | 'copyFailed') => {
    setSaid(what);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setSaid(null), 4000);
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      say('copied');
    } catch {
      say('copyFailed');
    }
  };

  return (
    <Group gap="xs" wrap="wrap">
      <Button size="xs" variant="default" onClick={() => void copy()}>
        {copyLabel}
      </Button>
      {canShare && (
        <Button size="xs" variant="default" onClick={() => void navigator.share({ text }).catch(() => undefined)}>
          {t('share')}
        </Button>
      )}
      {children}
      <Text size="sm" aria-live="polite" className={said === 'copied' ? classes.copied : undefined}>
        {said === 'copied' ? `✓ ${t('copied')}` : said === 'copyFailed' ? t('copyFailed') : ''}
      </Text>
    </Group>
  );
}

/**
 * Whom to remind in the class: a shared text for the class chat, then one
 * line per family with what is missing and the problem they reported,
 * opening to a message made for that family with its own link. Nobody who
 * opted out. Nothing is sent from here.
 */
export function Reminders({
  classId,
  invites,
  onIssue,
  issuing,
}: {
  classId: string;
  invites: FamilyInvite[];
  onIssue: (familyIds: string[]) => void;
  /** the families whose links are being issued now */
  issuing: string[];
}) {
  const t = useTranslations('reminders');
  const tErrors = useTranslations('errors');
  const locale = useLocale();
  const queryClient = useQueryClient();
  const roster = useQuery(reminderRosterQuery(classId));
  // The class's deadline, from the class the page's frame has loaded already.
  const schoolClass = useQuery(classQuery(classId));
  const deadline = deadlineAhead(schoolClass.data?.deadline ?? null, localDay(new Date()));
  const [open, setOpen] = useState<string | null>(null);

  const reminded = useMutation({
    mutationFn: (familyId: string) => markReminded(familyId),
    onSuccess: async () => {
      notifications.show({ color: 'green', message: t('marked') });
      await queryClient.invalidateQueries({ queryKey: invitesKey(classId) });
    },
    onError: (error) => notifications.show({ color: 'red', message: tErrors(errorMessageKey(error)) }),
  });

  let content;
  if (roster.isPending) content = <LoadingState />;
  else if (roster.isError) content = <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
  else if (presentFamilies(roster.data) === 0)
    content = (
      <Stack gap="xs" align="flex-start" data-testid="reminders-empty-class">
        <Text>{t('emptyClass')}</Text>
        <Button component={Link} href={`/classes/${classId}/import`} size="sm" variant="light">
          {t('emptyClassAction')}
        </Button>
      </Stack>
    );
  else {
    const path = PATH_CATALOGUE.get(roster.data.pathId);
    const toRemind = whomToRemind(roster.data, path);
    const skipped = optedOutFamilies(roster.data).size;
    const rows = invites.filter((invite) => toRemind.has(invite.familyId));
    const withoutLink = rows.filter((invite) => !invite.link).map((invite) => invite.familyId);
    const shortAddress = invites[0]?.shortAddress ?? '';
    const skippedNote =
      skipped > 0 ? (
        <Text size="sm" c="dimmed" data-testid="reminders-opted-out">
          {t('optedOutFamilies', { count: skipped, path: path.id })}
        </Text>
      ) : null;
    const chatText = classChatMessage(t, locale, path, shortAddress, deadline);

    content =
      rows.length === 0 ? (
        <Stack gap="xs" data-testid="reminders-empty">
          <Text>{t('empty')}</Text>
          {skippedNote}
        </Stack>
      ) : (
        <Stack gap="md">
          {skippedNote}
          <Accordion variant="contained" chevronPosition="right" data-testid="class-chat-message">
            <Accordion.Item value="class-chat">
              <Accordion.Control>
                <Text fw={600}>{t('classChat.title')}</Text>
                <Text size="sm" c="dimmed">
                  {t('classChat.description')}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="xs">
                  <Textarea label={t('classChat.label')} value={chatText} readOnly autosize minRows={6} />
                  <CopyShare text={chatText} copyLabel={t('classChat.copy')} />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>

          {withoutLink.length > 0 && (
            <Group gap="sm" className={classes.notice} data-testid="reminders-without-links">
              <Text size="sm">{t('withoutLinks', { count: withoutLink.length })}</Text>
              <Button
                size="xs"
                loading={withoutLink.some((id) => issuing.includes(id))}
                onClick={() => onIssue(withoutLink)}
              >
                {t('issueLinks', { count: withoutLink.length })}
              </Button>
            </Group>
          )}

          <Text size="sm" c="dimmed">
            {t('familiesCount', { count: rows.length })}
          </Text>
          <Accordion
            value={open}
            onChange={setOpen}
            variant="contained"
            chevronPosition="right"
            classNames={{ control: classes.control, label: classes.label }}
          >
            {rows.map((invite) => {
              const people = toRemind.get(invite.familyId) ?? [];
              const line = reminderLine(t, locale, path, people);
              const names = (invite.students.length > 0 ? invite.students : invite.parents).join(', ');
              // Made only for the open line: a class of 30 does not build 30 messages on every render.
              const message =
                open === invite.familyId && invite.link
                  ? reminderMessage(t, locale, {
                      path,
                      people,
                      link: invite.link,
                      code: invite.code ? printedCode(invite.code) : null,
                      shortAddress: invite.shortAddress,
                      chats: roster.data.chats,
                      deadline,
                    })
                  : null;
              return (
                <Accordion.Item key={invite.familyId} value={invite.familyId} data-reminder-family={invite.familyId}>
                  <Accordion.Control>
                    <span className={classes.line}>
                      <Text span fw={600} className={classes.name}>
                        {names}
                      </Text>
                      <span className={classes.details}>
                        <Text span size="sm">
                          {line.missing}
                        </Text>
                        {line.problem && (
                          <Text span size="sm" fw={500} className={classes.problem} data-reminder-problem>
                            {line.problem}
                          </Text>
                        )}
                      </span>
                      <Text span size="xs" c="dimmed" className={classes.meta}>
                        {!invite.link
                          ? t('noLinkShort')
                          : invite.lastRemindedAt
                            ? t('lastReminded', { date: formatDate(locale, invite.lastRemindedAt) ?? '' })
                            : t('neverReminded')}
                      </Text>
                    </span>
                  </Accordion.Control>
                  <Accordion.Panel>
                    {open === invite.familyId && (
                      <Stack gap="sm">
                        {familyProblems(path, people, locale)
                          .filter((problem) => problem.teacherAdvice)
                          .map((problem) => (
                            <div key={problem.label} className={classes.advice}>
                              <Text size="sm" fw={600}>
                                {t('teacherAdvice')}: {problem.label}
                              </Text>
                              <Text size="sm">{problem.teacherAdvice}</Text>
                            </div>
                          ))}
                        {message ? (
                          <>
                            <Textarea label={t('message')} value={message} readOnly autosize minRows={8} />
                            <CopyShare text={message} copyLabel={t('copy')}>
                              <Button
                                size="xs"
                                variant="light"
                                loading={reminded.isPending && reminded.variables === invite.familyId}
                                onClick={() => reminded.mutate(invite.familyId)}
                              >
                                {t('markReminded')}
                              </Button>
                            </CopyShare>
                          </>
                        ) : (
                          <Group gap="xs">
                            <Text size="sm">{t('noLink')}</Text>
                            <Button
                              size="xs"
                              variant="light"
                              loading={issuing.includes(invite.familyId)}
                              onClick={() => onIssue([invite.familyId])}
                            >
                              {t('issueLink')}
                            </Button>
                          </Group>
                        )}
                      </Stack>
                    )}
                  </Accordion.Panel>
                </Accordion.Item>
              );
            })}
          </Accordion>
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
