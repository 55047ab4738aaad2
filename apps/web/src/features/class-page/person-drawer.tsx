'use client';

import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Loader,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import {
  DISPLAY_NAME_MAX_LENGTH,
  findStep,
  OPT_OUT_CHANNELS,
  OPT_OUT_NOTE_MAX_LENGTH,
  PATH_CATALOGUE,
  type ChatSummary,
  type ClassRoster,
  type OnboardingPath,
  type OptOutChannel,
  type OptOutRequest,
  type ProgressEvent,
  type RosterFamily,
  type RosterPerson,
} from '@sferum/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/api-error';
import { classesQuery } from '../../api/queries';
import { CopyValueButton } from '../../components/ui/copy-value-button';
import { ErrorState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';
import { invitesKey, invitesQuery, issueInvites } from '../invites/invites-api';
import { printedCode } from '../invites/letters-model';
import {
  pathOrNull,
  useChangeErrorMessage,
  useChatLabel,
  useLocalized,
  useOptOutWords,
  useReasonLabel,
  useStatusWord,
  useTeacherAdvice,
} from './labels';
import { historyQuery, rosterApi } from './roster-api';
import { useApplyChange, type ProgressChange } from './roster-cache';
import { cellState, familyPeople, rosterColumns } from './roster-model';
import { useSharedPhoneAdvice } from './roster-table';
import styles from './class-page.module.css';

/** The forms of the card; only one is open at a time. */
type FormName = 'optOut' | 'edit' | 'move' | 'addParent';

interface FormSlot {
  opened: boolean;
  /** the form was just cancelled: its button takes the focus back */
  refocus: boolean;
  onOpen: () => void;
  onClose: () => void;
}

/** The button that opens a form of the card; focus comes back to it when the form closes. */
function OpenFormButton({ label, slot }: { label: string; slot: FormSlot }) {
  const ref = useRef<HTMLButtonElement>(null);
  const { refocus } = slot;
  useEffect(() => {
    if (refocus) ref.current?.focus();
  }, [refocus]);
  return (
    <Button ref={ref} size="sm" variant="default" onClick={slot.onOpen} style={{ alignSelf: 'flex-start' }}>
      {label}
    </Button>
  );
}

interface Props {
  roster: ClassRoster;
  personId: string | null;
  opened: boolean;
  onClose: () => void;
  /** After any change: the roster and the counters are fetched again. */
  onChanged: () => void;
}

function EditForm({ person, onChanged, slot }: { person: RosterPerson; onChanged: () => void; slot: FormSlot }) {
  const t = useTranslations('roster.person');
  const tCommon = useTranslations('common');
  const tAdd = useTranslations('roster.addStudentForm');
  const tPage = useTranslations('classPage.errors');
  const errorMessage = useChangeErrorMessage();
  const form = useForm({
    initialValues: { name: person.displayName, phone: '' },
    validate: {
      name: (value) =>
        value.trim() === ''
          ? tAdd('nameRequired')
          : value.trim().length > DISPLAY_NAME_MAX_LENGTH
            ? tAdd('nameTooLong')
            : null,
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

  if (!slot.opened) return <OpenFormButton label={t('openEdit')} slot={slot} />;
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
        <TextInput
          label={t('name')}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          data-autofocus
          autoFocus
          {...form.getInputProps('name')}
        />
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
          <Button size="sm" variant="subtle" color="gray" onClick={slot.onClose}>
            {tCommon('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function History({ person, chats, path }: { person: RosterPerson; chats: ChatSummary[]; path: OnboardingPath }) {
  const t = useTranslations('roster.person');
  const format = useFormatter();
  const statusWord = useStatusWord();
  const chatLabel = useChatLabel(path);
  const localized = useLocalized();
  const reasonLabel = useReasonLabel();
  const optOutWords = useOptOutWords(path.id);
  const query = useQuery(historyQuery(person.id));

  const line = (event: ProgressEvent): string => {
    if (event.kind === 'opt_out') {
      if (event.toStatus !== 'opted_out') return t('historyOptIn');
      const words = optOutWords({ channel: event.channel ?? 'other', note: event.blockerNote });
      return t('historyOptOut', { notUsing: words.notUsing, channel: words.channel });
    }
    let item = '—';
    if (event.step) {
      // A step of the path the school was on then, named as that path names it.
      const step = findStep(pathOrNull(event.pathId) ?? path, event.step);
      item = step ? localized(step.title) : event.step;
    } else {
      const chat = chats.find((candidate) => candidate.id === event.chatId);
      if (chat) item = chatLabel(chat);
    }
    return t('historyLine', { item, from: statusWord(event.fromStatus), to: statusWord(event.toStatus) });
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
          {query.data.map((event) => {
            const eventPath = pathOrNull(event.pathId);
            return (
              <li key={event.id} data-event-kind={event.kind}>
                <Text size="sm" fw={500}>
                  {line(event)}
                </Text>
                {event.kind !== 'opt_out' && event.blockerReason && (
                  <Text size="sm">
                    {reasonLabel(eventPath, event.blockerReason)}
                    {event.blockerNote ? `: ${event.blockerNote}` : ''}
                  </Text>
                )}
                {event.kind === 'opt_out' && event.channel !== 'other' && event.blockerNote && (
                  <Text size="sm">{event.blockerNote}</Text>
                )}
                <Text size="xs" c="dimmed">
                  {format.dateTime(new Date(event.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                  {' · '}
                  {event.actorName
                    ? t('historyBy', { source: t(`sources.${event.source}`), actor: event.actorName })
                    : t(`sources.${event.source}`)}
                  {event.pathId !== path.id && (
                    <span data-testid="history-path">
                      {' · '}
                      {t('historyPath', { name: eventPath ? localized(eventPath.name) : event.pathId })}
                    </span>
                  )}
                </Text>
              </li>
            );
          })}
        </Stack>
      )}
    </Stack>
  );
}

interface OptOutValues {
  channel: OptOutChannel | '';
  note: string;
  who: 'person' | 'family';
}

/**
 * Marking someone (or the whole family) as not using Sferum/MAX, with the
 * channel the school uses instead, and undoing it. A recorded choice, shown in
 * grey, never a blocker.
 */
function OptOutSection({
  person,
  family,
  path,
  onChanged,
  slot,
}: {
  person: RosterPerson;
  family: RosterFamily;
  path: OnboardingPath;
  onChanged: () => void;
  slot: FormSlot;
}) {
  const t = useTranslations('roster.optOut');
  const tPerson = useTranslations('roster.person');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const errorMessage = useChangeErrorMessage();
  const words = useOptOutWords(path.id);
  const { opened } = slot;
  const setOpened = (open: boolean) => (open ? slot.onOpen() : slot.onClose());
  const titleRef = useRef<HTMLHeadingElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const firstChannelRef = useRef<HTMLInputElement>(null);
  const wasOpened = useRef(false);
  const changed = useRef(false);
  const applyChange = useApplyChange();
  const optedOut = person.optOut !== null;
  // Keyboard focus follows the form: into it when it opens, back to its button when cancelled.
  useEffect(() => {
    if (opened) firstChannelRef.current?.focus();
    else if (wasOpened.current && !changed.current) openRef.current?.focus();
    wasOpened.current = opened;
  }, [opened]);
  // After a change the button pressed is gone (the section now shows the other state): focus its heading.
  useEffect(() => {
    if (!changed.current) return;
    changed.current = false;
    titleRef.current?.focus();
  }, [optedOut]);
  const members = familyPeople(family).filter((member) => !member.archived);
  const others = members.filter((member) => member.id !== person.id);
  const othersOptedOut = others.filter((member) => member.optOut);
  const everyone = members.map((member) => ({ personId: member.id, version: member.version }));

  const form = useForm<OptOutValues>({
    initialValues: { channel: '', note: '', who: 'person' },
    validate: {
      channel: (value) => (value === '' ? t('channelRequired') : null),
      note: (value, values) => (values.channel === 'other' && value.trim() === '' ? t('noteRequired') : null),
    },
  });

  const onError = (error: unknown) => {
    if (isApiError(error, 400)) {
      if (error.fields.includes('channel')) form.setFieldError('channel', t('channelRequired'));
      if (error.fields.includes('note')) form.setFieldError('note', t('noteRequired'));
    }
    if (isApiError(error, 409) || isApiError(error, 404)) onChanged();
  };

  // The answers carry the people and the counters: the roster on screen takes them as they are.
  const setOptOut = (who: OptOutValues['who'], body: OptOutRequest): Promise<ProgressChange> =>
    who === 'family'
      ? rosterApi.setFamilyOptOut(family.id, { ...body, people: everyone })
      : rosterApi.setOptOut(person.id, { ...body, version: person.version });
  const countOf = (change: ProgressChange) => ('person' in change ? 1 : change.updated.length);

  const mark = useMutation({
    mutationFn: ({ channel, note, who }: { channel: OptOutChannel; note: string; who: OptOutValues['who'] }) =>
      setOptOut(who, { optedOut: true, channel, ...(note ? { note } : {}) }),
    onSuccess: (change, { channel, note, who }) => {
      notifications.show({
        color: 'gray',
        message:
          who === 'family'
            ? t('familySaved', { count: countOf(change) })
            : t('saved', { line: words({ channel, note }).line }),
      });
      changed.current = true;
      setOpened(false);
      form.reset();
      applyChange(change);
    },
    onError,
  });

  const undo = useMutation({
    mutationFn: (who: OptOutValues['who']) => setOptOut(who, { optedOut: false }),
    onSuccess: (change, who) => {
      notifications.show({
        color: 'green',
        message: who === 'family' ? t('familyUndone', { count: countOf(change) }) : t('undone'),
      });
      changed.current = true;
      applyChange(change);
    },
    onError,
  });

  // A 400 that names the channel or the note is shown at that field; anything else above the form.
  const atField = (error: unknown) =>
    isApiError(error, 400) && error.fields.some((field) => field === 'channel' || field === 'note');
  const failure = mark.isError && !atField(mark.error) ? mark.error : undo.isError ? undo.error : null;

  return (
    <Stack gap="xs" data-testid="opt-out-section">
      <Title order={3} fz="sm" ref={titleRef} tabIndex={-1}>
        {t('title', { path: path.id })}
      </Title>
      {failure !== null && (
        <Alert color="red" role="alert" py={8}>
          {errorMessage(failure)}
        </Alert>
      )}
      {person.optOut ? (
        <Paper withBorder radius="md" p="sm" bg="gray.0" data-testid="opt-out-current">
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {words(person.optOut).notUsing}
            </Text>
            <Text size="sm">{t('current', { channel: words(person.optOut).channel })}</Text>
            {person.optOut.channel !== 'other' && person.optOut.note && <Text size="sm">{person.optOut.note}</Text>}
            <Text size="xs" c="dimmed">
              {t('since', {
                date: format.dateTime(new Date(person.optOut.at), { dateStyle: 'medium' }),
                source: tPerson(`sources.${person.optOut.source}`),
              })}
            </Text>
            {othersOptedOut.length > 0 && (
              <Text size="xs" c="dimmed">
                {t('othersInFamily', { names: othersOptedOut.map((member) => member.displayName).join(', ') })}
              </Text>
            )}
            <Group gap="sm" mt={4}>
              <Button
                size="sm"
                variant="light"
                onClick={() => undo.mutate('person')}
                loading={undo.isPending && undo.variables === 'person'}
                disabled={person.archived}
              >
                {t('undo')}
              </Button>
              {othersOptedOut.length > 0 && (
                <Button
                  size="sm"
                  variant="subtle"
                  onClick={() => undo.mutate('family')}
                  loading={undo.isPending && undo.variables === 'family'}
                  disabled={person.archived}
                >
                  {t('undoFamily')}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('explain', { path: path.id })}
          </Text>
          {!opened ? (
            <Button
              ref={openRef}
              size="sm"
              variant="default"
              onClick={() => setOpened(true)}
              disabled={person.archived}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('open')}
            </Button>
          ) : (
            <form
              noValidate
              onSubmit={form.onSubmit((values) => {
                if (values.channel === '') return;
                mark.mutate({ channel: values.channel, note: values.note.trim(), who: values.who });
              })}
            >
              <Stack gap="sm">
                <Radio.Group label={t('channel')} withAsterisk {...form.getInputProps('channel')}>
                  <Stack gap={6} mt={6}>
                    {OPT_OUT_CHANNELS.map((channel, index) => (
                      <Radio
                        key={channel}
                        ref={index === 0 ? firstChannelRef : undefined}
                        value={channel}
                        label={t(`channelOptions.${channel}`)}
                      />
                    ))}
                  </Stack>
                </Radio.Group>
                <Textarea
                  label={t('note')}
                  description={
                    form.values.channel === 'other'
                      ? t('noteHintOther', { max: OPT_OUT_NOTE_MAX_LENGTH })
                      : t('noteHint', { max: OPT_OUT_NOTE_MAX_LENGTH })
                  }
                  withAsterisk={form.values.channel === 'other'}
                  maxLength={OPT_OUT_NOTE_MAX_LENGTH}
                  autosize
                  minRows={2}
                  {...form.getInputProps('note')}
                />
                {others.length > 0 && (
                  <Radio.Group label={t('who')} {...form.getInputProps('who')}>
                    <Stack gap={6} mt={6}>
                      <Radio value="person" label={t('whoPerson', { name: person.displayName })} />
                      <Radio
                        value="family"
                        label={t('whoFamily', { names: members.map((member) => member.displayName).join(', ') })}
                      />
                    </Stack>
                  </Radio.Group>
                )}
                <Group gap="sm">
                  <Button type="submit" size="sm" loading={mark.isPending}>
                    {t('submit')}
                  </Button>
                  <Button
                    size="sm"
                    variant="subtle"
                    color="gray"
                    onClick={() => {
                      setOpened(false);
                      form.reset();
                      mark.reset();
                    }}
                  >
                    {tCommon('cancel')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </>
      )}
    </Stack>
  );
}

function MoveForm({
  person,
  roster,
  onChanged,
  slot,
}: {
  person: RosterPerson;
  roster: ClassRoster;
  onChanged: () => void;
  slot: FormSlot;
}) {
  const t = useTranslations('roster.person');
  const tCommon = useTranslations('common');
  const errorMessage = useChangeErrorMessage();
  const classes = useQuery({ ...classesQuery({ schoolId: roster.schoolClass.schoolId }), enabled: slot.opened });
  const [target, setTarget] = useState<string | null>(null);
  const others = (classes.data ?? []).filter(
    (candidate) => candidate.id !== roster.schoolClass.id && !candidate.archived,
  );
  const mutation = useMutation({
    mutationFn: (classId: string) => rosterApi.move(person.id, person.version, classId),
    onSuccess: (_moved, classId) => {
      notifications.show({
        color: 'green',
        message: t('moved', { name: others.find((c) => c.id === classId)?.name ?? '' }),
      });
      onChanged();
    },
  });
  if (!slot.opened) return <OpenFormButton label={t('openMove')} slot={slot} />;
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
          autoFocus
        />
        <Button
          size="sm"
          variant="light"
          disabled={!target}
          loading={mutation.isPending}
          onClick={() => target && mutation.mutate(target)}
        >
          {t('moveSubmit')}
        </Button>
        <Button size="sm" variant="subtle" color="gray" onClick={slot.onClose}>
          {tCommon('cancel')}
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

function AddParentForm({ family, onChanged, slot }: { family: RosterFamily; onChanged: () => void; slot: FormSlot }) {
  const t = useTranslations('roster.person');
  const tCommon = useTranslations('common');
  const tAdd = useTranslations('roster.addStudentForm');
  const tPage = useTranslations('classPage.errors');
  const errorMessage = useChangeErrorMessage();
  const form = useForm({
    initialValues: { name: '', phone: '' },
    validate: { name: (value) => (value.trim() === '' ? tAdd('nameRequired') : null) },
  });
  const mutation = useMutation({
    mutationFn: (values: { name: string; phone: string }) =>
      rosterApi.addParent(family.id, {
        displayName: values.name.trim(),
        ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
      }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('parentAdded') });
      form.reset();
      onChanged();
    },
    onError: (error) => {
      if (isApiError(error, 400) && error.fields.includes('phone')) form.setFieldError('phone', tPage('badPhone'));
    },
  });
  if (!slot.opened) return <OpenFormButton label={t('openAddParent')} slot={slot} />;
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
        <TextInput
          label={tAdd('parentName')}
          maxLength={DISPLAY_NAME_MAX_LENGTH}
          autoFocus
          {...form.getInputProps('name')}
        />
        <TextInput label={tAdd('parentPhone')} type="tel" maxLength={30} {...form.getInputProps('phone')} />
        <Group gap="sm">
          <Button type="submit" size="sm" variant="light" loading={mutation.isPending}>
            {t('addParentSubmit')}
          </Button>
          <Button size="sm" variant="subtle" color="gray" onClick={slot.onClose}>
            {tCommon('cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The family's personal link as the links tab has it: the link to copy, its
 * short code, the printable letter; one button to issue it when there is none.
 */
function FamilyLink({ classId, familyId }: { classId: string; familyId: string }) {
  const t = useTranslations('roster.person');
  const tInvites = useTranslations('invites');
  const errorMessage = useChangeErrorMessage();
  const queryClient = useQueryClient();
  const invites = useQuery(invitesQuery(classId));
  const issue = useMutation({
    mutationFn: () => issueInvites(classId, { familyIds: [familyId] }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitesKey(classId) }),
  });
  const invite = invites.data?.find((candidate) => candidate.familyId === familyId);
  return (
    <Stack gap={6} data-testid="family-link">
      <Title order={3} fz="sm">
        {t('linkTitle')}
      </Title>
      {invites.isPending ? (
        <Loader size="sm" />
      ) : invites.isError ? (
        <Text size="sm" c="red.9">
          {t('linkFailed')}
        </Text>
      ) : invite?.link && invite.code ? (
        <>
          <Text size="sm" data-status={invite.status}>
            {tInvites(`status.${invite.status}`)}
          </Text>
          <Text size="sm" className={styles.familyLink} data-testid="family-link-url">
            {invite.link}
          </Text>
          <Text size="sm">
            {t('code')}:{' '}
            <Text span ff="monospace" fw={600} data-testid="family-code">
              {printedCode(invite.code)}
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {t('codeWhere', { address: invite.shortAddress })}
          </Text>
          <Group gap="sm">
            <CopyValueButton value={invite.link} label={t('copyLink')} copiedLabel={t('copied')} compact />
            <Anchor component={Link} href={`/classes/${classId}/letters?families=${familyId}`} size="sm">
              {t('letter')}
            </Anchor>
          </Group>
        </>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('linkNone')}
          </Text>
          {issue.isError && (
            <Alert color="red" role="alert" py={8}>
              {errorMessage(issue.error)}
            </Alert>
          )}
          <Button
            size="sm"
            variant="light"
            onClick={() => issue.mutate()}
            loading={issue.isPending}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('issueLink')}
          </Button>
        </>
      )}
    </Stack>
  );
}

function PersonDetails({
  person,
  family,
  roster,
  onChanged,
  onArchived,
}: {
  person: RosterPerson;
  family: RosterFamily;
  roster: ClassRoster;
  onChanged: () => void;
  onArchived: (person: RosterPerson) => void;
}) {
  const t = useTranslations('roster.person');
  const tRoster = useTranslations('roster');
  const tStatus = useTranslations('roster.status');
  const errorMessage = useChangeErrorMessage();
  const statusWord = useStatusWord();
  const path = PATH_CATALOGUE.get(roster.pathId);
  const localized = useLocalized();
  const chatLabel = useChatLabel(path);
  const reasonLabel = useReasonLabel();
  const teacherAdvice = useTeacherAdvice();
  const sharedPhoneAdvice = useSharedPhoneAdvice(path);
  const relatives = familyPeople(family).filter((other) => other.id !== person.id);
  // One form open at a time: opening one closes the other; a cancelled one gives the focus back to its button.
  const [form, setForm] = useState<{ open: FormName | null; closed: FormName | null }>({ open: null, closed: null });
  const slot = (name: FormName): FormSlot => ({
    opened: form.open === name,
    refocus: form.closed === name,
    onOpen: () => setForm({ open: name, closed: null }),
    onClose: () => setForm({ open: null, closed: name }),
  });
  const archive = useMutation({
    mutationFn: () => rosterApi.archive(person.id, person.version, !person.archived),
    onSuccess: (saved) => {
      if (saved.archived) onArchived(saved);
      else notifications.show({ color: 'green', message: t('restoreDone') });
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
      {person.sharedPhone && !person.optOut && (
        <Alert color="orange" title={`⚠ ${tRoster('sharedPhone')}`} p="sm" data-testid="shared-phone-advice">
          <Text size="sm">{sharedPhoneAdvice}</Text>
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
        {person.optOut ? (
          <Text size="sm" c="dimmed">
            {t('optedOutSteps')}
          </Text>
        ) : (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} data-testid="person-steps">
            {rosterColumns(path, roster.chats).map((column) => {
              const state = cellState(person, column);
              if (!state) return null;
              const label =
                column.kind === 'step' ? localized(column.step.title) : state.chat ? chatLabel(state.chat) : '';
              const advice = state.tone === 'blocked' ? teacherAdvice(path, state.blockerReason) : null;
              return (
                <li key={column.id}>
                  <Text size="sm">
                    {label}: {statusWord(state.status)}
                    {state.blockerReason
                      ? ` (${reasonLabel(path, state.blockerReason)}${state.blockerNote ? `: ${state.blockerNote}` : ''})`
                      : ''}
                    {state.source === 'parent_link' ? ` · ${tStatus('byParent')}` : ''}
                  </Text>
                  {advice && (
                    <Text size="sm" pl="sm" className={styles.advice} data-testid="person-advice">
                      {t('advice', { advice })}
                    </Text>
                  )}
                </li>
              );
            })}
          </Stack>
        )}
      </Stack>
      {!person.archived && (
        <>
          <Divider />
          <FamilyLink classId={roster.schoolClass.id} familyId={family.id} />
        </>
      )}
      <Divider />
      <OptOutSection
        key={person.id}
        person={person}
        family={family}
        path={path}
        onChanged={onChanged}
        slot={slot('optOut')}
      />
      <Divider />
      <Stack gap="sm" data-testid="person-forms">
        <EditForm key={`${person.id}-${person.version}`} person={person} onChanged={onChanged} slot={slot('edit')} />
        {person.kind === 'student' && !person.archived && (
          <MoveForm person={person} roster={roster} onChanged={onChanged} slot={slot('move')} />
        )}
        {!person.archived && <AddParentForm family={family} onChanged={onChanged} slot={slot('addParent')} />}
      </Stack>
      <Divider />
      <History person={person} chats={roster.chats} path={path} />
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

/** A person's card: details, opting out, name and phone, history, archive, move, a parent to add. */
export function PersonDrawer({ roster, personId, opened, onClose, onChanged }: Props) {
  const tCommon = useTranslations('common');
  const t = useTranslations('roster.person');
  const errorMessage = useChangeErrorMessage();
  const family = roster.families.find((candidate) => familyPeople(candidate).some((person) => person.id === personId));
  const person = family && familyPeople(family).find((candidate) => candidate.id === personId);
  // Who was just archived: the card and a notification offer to bring them back.
  const [archived, setArchived] = useState<RosterPerson | null>(null);
  const restore = useMutation({
    mutationFn: (who: RosterPerson) => rosterApi.archive(who.id, who.version, false),
    onSuccess: (saved) => {
      notifications.hide(`archived-${saved.id}`);
      notifications.show({ color: 'green', message: t('restoreDone') });
      setArchived(null);
      onChanged();
    },
    onError: (error) => {
      if (isApiError(error, 409)) onChanged();
    },
  });
  const onArchived = (who: RosterPerson) => {
    setArchived(who);
    notifications.show({
      id: `archived-${who.id}`,
      color: 'gray',
      autoClose: 10_000,
      message: (
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Text size="sm">{t('archiveDone', { name: who.displayName })}</Text>
          <Button size="xs" variant="light" onClick={() => restore.mutate(who)}>
            {t('undoArchive')}
          </Button>
        </Group>
      ),
    });
  };
  const justArchived = !person && archived !== null && archived.id === personId ? archived : null;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="md"
      title={
        <Text fw={700} fz="lg">
          {person?.displayName ?? justArchived?.displayName ?? ''}
        </Text>
      }
      closeButtonProps={{ 'aria-label': tCommon('close') }}
    >
      {person && family ? (
        <PersonDetails person={person} family={family} roster={roster} onChanged={onChanged} onArchived={onArchived} />
      ) : justArchived ? (
        <Stack gap="sm" data-testid="person-archived">
          <Text role="status">{t('archiveDone', { name: justArchived.displayName })}</Text>
          {restore.isError && (
            <Alert color="red" role="alert" py={8}>
              {errorMessage(restore.error)}
            </Alert>
          )}
          <Button
            variant="light"
            onClick={() => restore.mutate(justArchived)}
            loading={restore.isPending}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('undoArchive')}
          </Button>
        </Stack>
      ) : (
        <Text c="dimmed">{t('gone')}</Text>
      )}
    </Drawer>
  );
}
