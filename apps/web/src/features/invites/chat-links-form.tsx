'use client';

import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { ChatSummary, OnboardingPath } from '@sferum/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useChatLabel } from '../class-page/labels';
import { rosterKeys } from '../class-page/roster-api';
import { useCurrentUser } from '../shell/current-user';
import { invitesKey, reminderRosterQuery, setChatInvite, type InvitesRoster } from './invites-api';
import {
  canEditChatLink,
  chatLinkProblem,
  checkChatLinkInput,
  inviteLinkExample,
  type ChatLinkProblem,
} from './letter-forms';

/**
 * The invitation link of each chat of the class, pasted from MAX or Sferum:
 * the parents' page offers it when a chat does not appear by itself. The
 * school chat's link is the school admins' and shows read-only to a teacher.
 */
export function ChatLinksForm({
  classId,
  path,
  chats,
}: {
  classId: string;
  path: OnboardingPath;
  chats: ChatSummary[];
}) {
  const t = useTranslations('invites.chatLinks');
  const user = useCurrentUser();
  const chatLabel = useChatLabel(path);
  const headingId = useId();

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId} data-testid="chat-links-form">
      <Stack gap="md">
        <div>
          <Title order={4} fz="md" id={headingId} mb={4}>
            {t('heading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('text', { path: path.id })}
          </Text>
        </div>
        {chats.map((chat) =>
          canEditChatLink(chat, user.role) ? (
            <ChatLinkField key={chat.id} classId={classId} chat={chat} label={chatLabel(chat)} path={path} />
          ) : (
            <TextInput
              key={chat.id}
              label={chatLabel(chat)}
              value={chat.inviteUrl ?? t('none')}
              readOnly
              variant="filled"
              description={t('schoolAdminsOnly')}
              data-chat-link={chat.id}
            />
          ),
        )}
      </Stack>
    </Paper>
  );
}

function ChatLinkField({
  classId,
  chat,
  label,
  path,
}: {
  classId: string;
  chat: ChatSummary;
  label: string;
  path: OnboardingPath;
}) {
  const t = useTranslations('invites.chatLinks');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const [value, setValue] = useState(chat.inviteUrl ?? '');
  const [problem, setProblem] = useState<ChatLinkProblem | null>(null);

  const save = useMutation({
    mutationFn: (url: string | null) => setChatInvite(chat.id, url),
    onSuccess: async (saved) => {
      setValue(saved.inviteUrl ?? '');
      queryClient.setQueryData(
        reminderRosterQuery(classId).queryKey,
        (roster: InvitesRoster | undefined) =>
          roster && {
            ...roster,
            chats: roster.chats.map((item) => (item.id === saved.id ? { ...item, inviteUrl: saved.inviteUrl } : item)),
          },
      );
      await queryClient.invalidateQueries({ queryKey: rosterKeys.all });
    },
    onError: async (error) => {
      const found = chatLinkProblem(error);
      setProblem(found);
      if (found.kind === 'gone') await queryClient.invalidateQueries({ queryKey: invitesKey(classId) });
    },
  });

  const stored = chat.inviteUrl ?? '';
  const dirty = value.trim() !== stored;
  const submit = (url: string | null) => {
    setProblem(null);
    save.mutate(url);
  };
  const problemText = (found: ChatLinkProblem): string => {
    switch (found.kind) {
      case 'notInvite':
        return t('notInvite', { path: path.id, example: inviteLinkExample(path) });
      case 'schoolAdminsOnly':
        return t('schoolAdminsOnly');
      case 'gone':
        return t('gone');
      case 'general':
        return tErrors(found.key);
    }
  };
  const status = save.isPending ? '' : save.isSuccess && !dirty ? (stored ? t('saved') : t('removed')) : '';

  return (
    <form
      noValidate
      data-chat-link={chat.id}
      onSubmit={(event) => {
        event.preventDefault();
        const checked = checkChatLinkInput(value);
        if ('kind' in checked) setProblem(checked);
        else submit(checked.url);
      }}
    >
      <TextInput
        label={label}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        placeholder={inviteLinkExample(path)}
        value={value}
        error={problem ? problemText(problem) : undefined}
        onChange={(event) => {
          setValue(event.currentTarget.value);
          setProblem(null);
          save.reset();
        }}
        // The buttons sit beside the field, between its label above and its error below.
        inputContainer={(input) => (
          <Group align="flex-start" gap="xs" wrap="wrap">
            <div style={{ flex: '1 1 14rem', minWidth: 0 }}>{input}</div>
            <Group gap="xs" wrap="nowrap">
              <Button
                type="submit"
                loading={save.isPending && save.variables !== null}
                disabled={!dirty}
                aria-label={`${t('save')}: ${label}`}
              >
                {t('save')}
              </Button>
              {stored !== '' && (
                <Button
                  variant="default"
                  loading={save.isPending && save.variables === null}
                  onClick={() => submit(null)}
                  aria-label={`${t('remove')}: ${label}`}
                >
                  {t('remove')}
                </Button>
              )}
            </Group>
          </Group>
        )}
      />
      <Text size="sm" c="green.9" role="status" aria-live="polite" mt={status ? 4 : 0}>
        {status ? `✓ ${status}` : ''}
      </Text>
    </form>
  );
}
