'use client';

import { Alert, Badge, Button, Divider, Drawer, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  DISPLAY_NAME_MAX_LENGTH,
  type ChatSummary,
  type ClassRoster,
  type Messenger,
  type ProgressEvent,
  type RosterFamily,
  type RosterPerson,
} from '@sferum/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { isApiError } from '../../api/api-error';
import { classesQuery } from '../../api/queries';
import { ErrorState } from '../../components/ui/query-state';
import { useChangeErrorMessage, useChatLabel, useItemLabel } from './labels';
import { historyQuery, rosterApi } from './roster-api';
import { cellState, rosterColumns } from './roster-model';

interface Props {
  roster: ClassRoster;
  personId: string | null;
  opened: boolean;
  onClose: () => void;
  /** After any change: the roster and the counters are fetched again. */
  onChanged: () => void;
}

function useStatusWord() {
  const t = useTranslations('roster.status');
  return (status: string): string => {
    switch (status) {
      case 'done':
      case 'joined':
      case 'blocked':
      case 'not_started':
      case 'not_joined':
        return t(status);
      default:
        return status;
    }
  };
}

function EditForm({ person, onChanged }: { person: RosterPerson; onChanged: () => void }) {
  const t = useTranslations('roster.person');
  const tAdd = useTranslations('roster.addStudentForm');
  const tPage = useTranslations('classPage.errors');
  const errorMessage = useChangeErrorMessage();
  const form = useForm({
    initialValues: { name: person.displayName, phone: '' },
    validate: {
      name: (value) =>
        value.trim() === '' ? tAdd('nameRequired') : value.trim().length > DISPLAY_NAME_MAX_LENGTH ? tAdd('nameTooLong') : null,
    },
  });
  const mutation = useMutation({
    mutationFn: (body: { displayName?: string; phone?: string | null }) =>
      rosterApi.updatePerson(person.id, { version: person.version, ...body }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('saved') });
      form.setFieldValue('phone', '');
      onChanged();
    },
    onError: (error) => {
      if (isApiError(error, 400) && error.fields.includes('phone')) form.setFieldError('phone', tPage('badPhone'));
      if (isApiError(error, 409)) onChanged();
    },
  });
  const showGeneral = mutation.isError && !(isApiError(mutation.error, 400) && mutation.error.fields.includes('phone'));

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        const name = values.name.trim();
        const phone = values.phone.trim();
        mutation.mutate({
          ...(name !== person.displayName ? { displayName: name } : {}),
          ...(phone ? { phone } : {}),
        });
      })}
    >
      <Stack gap="sm">
        <Title order={3} fz="sm">
          {t('edit')}
        </Title>
        {showGeneral && (
          <Alert color="red" role="alert" py={8}>
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <TextInput label={t('name')} maxLength={DISPLAY_NAME_MAX_LENGTH} {...form.getInputProps('name')} />
        <TextInput
          label={t('newPhone')}
          description={t('newPhoneHint')}
          type="tel"
          maxLength={30}
          {...form.getInputProps('phone')}
        />
        <Group gap="sm">
          <Button type="submit" size="sm" loading={mutation.isPending && mutation.variables.phone !== null}>
            {t('save')}
          </Button>
          {person.hasPhone && (
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              onClick={() => mutation.mutate({ phone: null })}
              loading={mutation.isPending && mutation.variables.phone === null}
            >
              {t('forgetPhone')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function History({ person, chats, messenger }: { person: RosterPerson; chats: ChatSummary[]; messenger: Messenger }) {
  const t = useTranslations('roster.person');
  const tReasons = useTranslations('roster.reasons');
  const format = useFormatter();
  const statusWord = useStatusWord();
  const chatLabel = useChatLabel();
  const query = useQuery(historyQuery(person.id));
  const itemLabel = useItemLabel(messenger);

  const what = (event: ProgressEvent): string => {
    if (event.step) return itemLabel(event.step);
    const chat = chats.find((candidate) => candidate.id === event.chatId);
    return chat ? chatLabel(chat) : '—';
  };

  return (
    <Stack gap="xs">
      <Title order={3} fz="sm">
        {t('history')}
      </Title>
      {query.isPending ? (
        <Loader size="sm" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('historyEmpty')}
        </Text>
      ) : (
        <Stack component="ol" gap={8} p={0} m={0} style={{ listStyle: 'none' }} data-testid="person-history">
          {query.data.map((event) => (
            <li key={event.id}>
              <Text size="sm" fw={500}>
                {t('historyLine', { item: what(event), from: statusWord(event.fromStatus), to: statusWord(event.toStatus) })}
              </Text>
              {event.blockerReason && (
                <Text size="sm">
                  {tReasons(event.blockerReason)}
                  {event.blockerNote ? `: ${event.blockerNote}` : ''}
                </Text>
              )}
              <Text size="xs" c="dimmed">
                {format.dateTime(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                {' · '}
                {event.actorName
                  ? t('historyBy', { source: t(`sources.${event.source}`), actor: event.actorName })
                  : t(`sources.${event.source}`)}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function MoveForm({ person, roster, onChanged }: { person: RosterPerson; roster: ClassRoster; onChanged: () => void }) {
  const t = useTranslations('roster.person');
  const errorMessage = useChangeErrorMessage();
  const classes = useQuery(classesQuery({ schoolId: roster.schoolClass.schoolId }));
  const [target, setTarget] = useState<string | null>(null);
  const others = (classes.data ?? []).filter((candidate) => candidate.id !== roster.schoolClass.id && !candidate.archived);
  const mutation = useMutation({
    mutationFn: (classId: string) => rosterApi.move(person.id, person.version, classId),
    onSuccess: (_moved, classId) => {
      notifications.show({ color: 'green', message: t('moved', { name: others.find((c) => c.id === classId)?.name ?? '' }) });
      onChanged();
    },
  });
  if (classes.isSuccess && others.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('noOtherClasses')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end">
        <Select
          label={t('move')}
          placeholder={t('moveLabel')}
          data={others.map((candidate) => ({ value: candidate.id, label: candidate.name }))}
          value={target}
          onChange={setTarget}
          w={180}
          size="sm"
          disabled={!classes.isSuccess}
        />
        <Button size="sm" variant="light" disabled={!target} loading={mutation.isPending} onClick={() => target && mutation.mutate(target)}>
          {t('moveSubmit')}
        </Button>
      </Group>
      {mutation.isError && (
        <Alert color="red" role="alert" py={8}>
          {errorMessage(mutation.error)}
        </Alert>
      )}
    </Stack>
  );
}

function AddParentForm({ family, onChanged }: { family: RosterFamily; onChanged: () => void }) {
  const t = useTranslations('roster.person');
  const tAdd = useTranslations('roster.addStudentForm');
  const tPage = useTranslations('classPage.errors');
  const errorMessage = useChangeErrorMessage();
  const form = useForm({
    initialValues: { name: '', phone: '' },
    validate: { name: (value) => (value.trim() === '' ? tAdd('nameRequired') : null) },
  });
  const mutation = useMutation({
    mutationFn: (values: { name: string; phone: string }) =>
      rosterApi.addParent(family.id, { displayName: values.name.trim(), ...(values.phone.trim() ? { phone: values.phone.trim() } : {}) }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('parentAdded') });
      form.reset();
      onChanged();
    },
    onError: (error) => {
      if (isApiError(error, 400) && error.fields.includes('phone')) form.setFieldError('phone', tPage('badPhone'));
    },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values))}>
      <Stack gap="xs">
        <Title order={3} fz="sm">
          {t('addParent')}
        </Title>
        {mutation.isError && !isApiError(mutation.error, 400) && (
          <Alert color="red" role="alert" py={8}>
            {errorMessage(mutation.error)}
          </Alert>
        )}
        <TextInput label={tAdd('parentName')} maxLength={DISPLAY_NAME_MAX_LENGTH} {...form.getInputProps('name')} />
        <TextInput label={tAdd('parentPhone')} type="tel" maxLength={30} {...form.getInputProps('phone')} />
        <Button type="submit" size="sm" variant="light" loading={mutation.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('addParentSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

function PersonDetails({ person, family, roster, onChanged }: { person: RosterPerson; family: RosterFamily; roster: ClassRoster; onChanged: () => void }) {
  const t = useTranslations('roster.person');
  const tRoster = useTranslations('roster');
  const tStatus = useTranslations('roster.status');
  const tReasons = useTranslations('roster.reasons');
  const errorMessage = useChangeErrorMessage();
  const statusWord = useStatusWord();
  const itemLabel = useItemLabel(roster.messenger);
  const chatLabel = useChatLabel();
  const relatives = [...family.students, ...family.parents].filter((other) => other.id !== person.id);
  const archive = useMutation({
    mutationFn: () => rosterApi.archive(person.id, person.version, !person.archived),
    onSuccess: (saved) => {
      notifications.show({ color: 'green', message: saved.archived ? t('archiveDone') : t('restoreDone') });
      onChanged();
    },
    onError: (error) => {
      if (isApiError(error, 409)) onChanged();
    },
  });

  return (
    <Stack gap="md">
      <Group gap="xs">
        <Badge variant="light" color={person.kind === 'student' ? 'blue' : 'grape'}>
          {person.kind === 'student' ? t('student') : t('parent')}
        </Badge>
        {person.archived && (
          <Badge variant="outline" color="gray">
            {t('archivedNote')}
          </Badge>
        )}
      </Group>
      <Text size="sm">
        {t('phone')}: {person.hasPhone ? t('phoneKnown') : t('phoneNone')}
      </Text>
      {person.sharedPhone && (
        <Alert color="orange" title={`⚠ ${tRoster('sharedPhone')}`} p="sm" data-testid="shared-phone-advice">
          <Text size="sm">{tRoster('sharedPhoneAdvice')}</Text>
        </Alert>
      )}
      {relatives.length > 0 && (
        <Text size="sm">
          {t('family')}: {relatives.map((other) => other.displayName).join(', ')}
        </Text>
      )}
      <Stack gap={4}>
        <Title order={3} fz="sm">
          {t('steps')}
        </Title>
        {rosterColumns(roster.chats).map((column) => {
          const state = cellState(person, column);
          if (!state) return null;
          return (
            <Text size="sm" key={column.id}>
              {column.kind === 'step' ? itemLabel(column.id) : chatLabel(column.chat)}: {statusWord(state.status)}
              {state.blockerReason ? ` (${tReasons(state.blockerReason)}${state.blockerNote ? `: ${state.blockerNote}` : ''})` : ''}
              {state.source === 'parent_link' ? ` · ${tStatus('byParent')}` : ''}
            </Text>
          );
        })}
      </Stack>
      <Divider />
      <EditForm key={`${person.id}-${person.version}`} person={person} onChanged={onChanged} />
      <Divider />
      <History person={person} chats={roster.chats} messenger={roster.messenger} />
      <Divider />
      {person.kind === 'student' && !person.archived && <MoveForm person={person} roster={roster} onChanged={onChanged} />}
      {!person.archived && <AddParentForm family={family} onChanged={onChanged} />}
      <Divider />
      {archive.isError && (
        <Alert color="red" role="alert" py={8}>
          {errorMessage(archive.error)}
        </Alert>
      )}
      <Button
        variant="light"
        color={person.archived ? 'blue' : 'red'}
        onClick={() => archive.mutate()}
        loading={archive.isPending}
        style={{ alignSelf: 'flex-start' }}
      >
        {person.archived ? t('restore') : t('archive')}
      </Button>
    </Stack>
  );
}

/** A person's card: details, name and phone, history, archive, move, a parent to add. */
export function PersonDrawer({ roster, personId, opened, onClose, onChanged }: Props) {
  const tCommon = useTranslations('common');
  const t = useTranslations('roster.person');
  const family = roster.families.find((candidate) =>
    [...candidate.students, ...candidate.parents].some((person) => person.id === personId),
  );
  const person = family && [...family.students, ...family.parents].find((candidate) => candidate.id === personId);
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={<Text fw={700} fz="lg">{person?.displayName ?? ''}</Text>}
      closeButtonProps={{ 'aria-label': tCommon('close') }}
    >
      {person && family ? (
        <PersonDetails person={person} family={family} roster={roster} onChanged={onChanged} />
      ) : (
        <Text c="dimmed">{t('gone')}</Text>
      )}
    </Drawer>
  );
}
