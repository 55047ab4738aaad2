'use client';

import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  BLOCKER_NOTE_MAX_LENGTH,
  type BlockerReason,
  type BulkProgressRequest,
  type BulkProgressResult,
  type OnboardingPath,
  type PathBlocker,
  type RosterPerson,
} from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useChangeErrorMessage, useChatLabel, useLocalized } from './labels';
import { rosterApi } from './roster-api';
import { bulkTargets, needsRefetch, type RosterColumn } from './roster-model';
import classes from './class-page.module.css';

const BULK_STATUSES = ['done', 'open', 'blocked'] as const;
type BulkStatus = (typeof BULK_STATUSES)[number];

/** One thing a bulk change can set: a step, or one chat (on MAX each class chat on its own). */
interface BulkTarget {
  key: string;
  label: string;
  target: { step: string } | { chatId: string };
  blockers: PathBlocker[];
}

interface Props {
  path: OnboardingPath;
  classId: string;
  people: RosterPerson[];
  columns: RosterColumn[];
  /** With the API's answer: the people after the change and the class's counters. */
  onDone: (result: BulkProgressResult) => void;
  onClear: () => void;
  onStale: () => void;
}

/** One step or chat, one status, for every selected person it concerns at once: all or nothing. */
export function BulkBar({ path, classId, people, columns, onDone, onClear, onStale }: Props) {
  const t = useTranslations('roster.bulk');
  const errorMessage = useChangeErrorMessage();
  const localized = useLocalized();
  const chatLabel = useChatLabel(path);
  const targets = useMemo(
    () =>
      columns.flatMap((column): BulkTarget[] =>
        column.kind === 'step'
          ? [
              {
                key: column.id,
                label: localized(column.step.title),
                target: { step: column.id },
                blockers: column.blockers,
              },
            ]
          : column.chats.map((chat) => ({
              key: chat.id,
              label: chatLabel(chat),
              target: { chatId: chat.id },
              blockers: column.blockers,
            })),
      ),
    [columns, localized, chatLabel],
  );
  const [targetKey, setTargetKey] = useState<string | null>(targets[0]?.key ?? null);
  const [status, setStatus] = useState<BulkStatus>('done');
  const [reason, setReason] = useState<BlockerReason | null>(null);
  const [note, setNote] = useState('');
  const target = targets.find((candidate) => candidate.key === targetKey);
  const isChat = target !== undefined && 'chatId' in target.target;
  const reach = target ? bulkTargets(people, target.target) : { reached: [], optedOut: 0, notInChat: 0 };
  // A reason of another step stays chosen only while the new target offers it too.
  const validReason = reason !== null && target?.blockers.some((blocker) => blocker.id === reason) ? reason : null;

  const mutation = useMutation({
    mutationFn: (body: BulkProgressRequest) => rosterApi.bulk(classId, body),
    onSuccess: (result) => {
      notifications.show({ color: 'green', message: t('done', { count: result.updated.length }) });
      onDone(result);
    },
    onError: (error) => {
      if (needsRefetch(error)) onStale();
    },
  });

  const ready =
    target !== undefined &&
    reach.reached.length > 0 &&
    (status !== 'blocked' || (validReason !== null && (validReason !== 'other' || note.trim() !== '')));

  const submit = () => {
    if (!target || !ready) return;
    const apiStatus =
      status === 'done'
        ? isChat
          ? 'joined'
          : 'done'
        : status === 'open'
          ? isChat
            ? 'not_joined'
            : 'not_started'
          : 'blocked';
    mutation.mutate({
      ...target.target,
      status: apiStatus,
      ...(status === 'blocked' && validReason ? { blockerReason: validReason } : {}),
      ...(status === 'blocked' && note.trim() ? { blockerNote: note.trim() } : {}),
      people: reach.reached.map((person) => ({ personId: person.id, version: person.version })),
    });
  };

  return (
    <Paper withBorder shadow="md" radius="md" p="sm" className={classes.bulkBar} role="region" aria-label={t('label')}>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text fw={600} size="sm" mb={6} aria-live="polite" data-testid="bulk-count">
          {t('selected', { count: people.length })}
        </Text>
        <Select
          label={t('target')}
          data={targets.map((candidate) => ({ value: candidate.key, label: candidate.label }))}
          value={targetKey}
          onChange={setTargetKey}
          allowDeselect={false}
          w={230}
          size="sm"
        />
        <Select
          label={t('status')}
          data={[
            { value: 'done', label: isChat ? t('statusJoined') : t('statusDone') },
            { value: 'open', label: isChat ? t('statusNotJoined') : t('statusNotStarted') },
            { value: 'blocked', label: t('statusBlocked') },
          ]}
          value={status}
          onChange={(value) => setStatus(BULK_STATUSES.find((candidate) => candidate === value) ?? 'done')}
          allowDeselect={false}
          w={160}
          size="sm"
        />
        {status === 'blocked' && target && (
          <Select
            label={t('reason')}
            data={target.blockers.map((blocker) => ({ value: blocker.id, label: localized(blocker.label) }))}
            value={validReason}
            onChange={(value) => setReason(target.blockers.find((blocker) => blocker.id === value)?.id ?? null)}
            w={260}
            size="sm"
          />
        )}
        {status === 'blocked' && validReason === 'other' && (
          <TextInput
            label={t('note')}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            maxLength={BLOCKER_NOTE_MAX_LENGTH}
            w={220}
            size="sm"
          />
        )}
        <Button onClick={submit} disabled={!ready} loading={mutation.isPending} size="sm">
          {t('apply')}
        </Button>
        <Button variant="subtle" onClick={onClear} size="sm" disabled={mutation.isPending}>
          {t('clear')}
        </Button>
      </Group>
      {(reach.optedOut > 0 || reach.notInChat > 0) && (
        <Stack gap={2} mt={6} aria-live="polite" data-testid="bulk-skipped">
          {reach.reached.length === 0 && (
            <Text size="sm" fw={500}>
              {t('nobody')}
            </Text>
          )}
          {reach.optedOut > 0 && (
            <Text size="sm" c="dimmed">
              {t('skippedOptedOut', { count: reach.optedOut })}
            </Text>
          )}
          {reach.notInChat > 0 && (
            <Text size="sm" c="dimmed">
              {t('skippedNotInChat', { count: reach.notInChat })}
            </Text>
          )}
        </Stack>
      )}
      {mutation.isError && (
        <Alert color="red" role="alert" mt="sm" py={8}>
          {errorMessage(mutation.error)}
        </Alert>
      )}
    </Paper>
  );
}
