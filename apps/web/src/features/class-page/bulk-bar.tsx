'use client';

import { Alert, Button, Group, Paper, Select, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  BLOCKER_NOTE_MAX_LENGTH,
  BLOCKER_REASONS,
  type BlockerReason,
  type BulkProgressRequest,
  type RosterPerson,
} from '@sferum/contracts';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useChangeErrorMessage } from './labels';
import { rosterApi } from './roster-api';
import { needsRefetch, type RosterColumn } from './roster-model';
import classes from './class-page.module.css';

const BULK_STATUSES = ['done', 'open', 'blocked'] as const;
type BulkStatus = (typeof BULK_STATUSES)[number];

interface Props {
  classId: string;
  people: RosterPerson[];
  columns: RosterColumn[];
  columnLabels: string[];
  onDone: () => void;
  onClear: () => void;
  onStale: () => void;
}

/** One step or chat, one status, for every selected person at once: all or nothing. */
export function BulkBar({ classId, people, columns, columnLabels, onDone, onClear, onStale }: Props) {
  const t = useTranslations('roster.bulk');
  const tReasons = useTranslations('roster.reasons');
  const errorMessage = useChangeErrorMessage();
  const [target, setTarget] = useState<string | null>(columns[0]?.id ?? null);
  const [status, setStatus] = useState<BulkStatus>('done');
  const [reason, setReason] = useState<BlockerReason | null>(null);
  const [note, setNote] = useState('');
  const column = columns.find((candidate) => candidate.id === target);
  const isChat = column?.kind === 'chat';

  const mutation = useMutation({
    mutationFn: (body: BulkProgressRequest) => rosterApi.bulk(classId, body),
    onSuccess: (result) => {
      notifications.show({ color: 'green', message: t('done', { count: result.updated.length }) });
      onDone();
    },
    onError: (error) => {
      if (needsRefetch(error)) onStale();
    },
  });

  const ready = column !== undefined && (status !== 'blocked' || (reason !== null && (reason !== 'other' || note.trim() !== '')));

  const submit = () => {
    if (!column || !ready) return;
    const apiStatus = status === 'done' ? (isChat ? 'joined' : 'done') : status === 'open' ? (isChat ? 'not_joined' : 'not_started') : 'blocked';
    mutation.mutate({
      ...(column.kind === 'step' ? { step: column.id } : { chatId: column.id }),
      status: apiStatus,
      ...(status === 'blocked' && reason ? { blockerReason: reason } : {}),
      ...(status === 'blocked' && note.trim() ? { blockerNote: note.trim() } : {}),
      people: people.map((person) => ({ personId: person.id, version: person.version })),
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
          data={columns.map((candidate, index) => ({ value: candidate.id, label: columnLabels[index] }))}
          value={target}
          onChange={setTarget}
          allowDeselect={false}
          w={190}
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
        {status === 'blocked' && (
          <Select
            label={t('reason')}
            data={BLOCKER_REASONS.map((value) => ({ value, label: tReasons(value) }))}
            value={reason}
            onChange={(value) => setReason(BLOCKER_REASONS.find((candidate) => candidate === value) ?? null)}
            w={250}
            size="sm"
          />
        )}
        {status === 'blocked' && reason === 'other' && (
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
      {mutation.isError && (
        <Alert color="red" role="alert" mt="sm" py={8}>
          {errorMessage(mutation.error)}
        </Alert>
      )}
    </Paper>
  );
}
