'use client';

import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { PATH_CATALOGUE, type SchoolClassSummary, type SchoolSummary } from '@sferum/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { ErrorState } from '../../components/ui/query-state';
import { rosterQuery } from '../class-page/roster-api';
import { MemberListModal } from '../member-list/member-list-modal';
import { useAppLocale } from './path-name';

/**
 * The school chat's member list, compared by the school's admins: the class
 * pages are the teachers', and the school chat is not theirs to mark. The
 * chat's id comes with any class's roster (the API lists no school's chats
 * on their own).
 */
export function SchoolChatMembers({ school, classes }: { school: SchoolSummary; classes: SchoolClassSummary[] }) {
  const t = useTranslations('memberList');
  const locale = useAppLocale();
  const headingId = useId();
  const [opened, setOpened] = useState(false);
  const anyClass = classes.find((schoolClass) => !schoolClass.archived);
  const roster = useQuery({ ...rosterQuery(anyClass?.id ?? '', false), enabled: anyClass !== undefined });
  const chat = roster.data?.chats.find((item) => item.kind === 'school') ?? null;
  const path = PATH_CATALOGUE.get(school.pathId);
  const title = path.chats.school.title[locale];
  if (!anyClass || (roster.isSuccess && !chat)) return null;

  return (
    <Paper withBorder p="md" mt="xl" component="section" aria-labelledby={headingId} data-testid="school-chat-members">
      <Stack gap="sm" align="flex-start">
        <Title order={2} fz="lg" id={headingId}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t('schoolChatText')}
        </Text>
        {roster.isError ? (
          <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />
        ) : (
          <Button variant="default" loading={roster.isPending} onClick={() => setOpened(true)} aria-haspopup="dialog">
            {t('open')}
          </Button>
        )}
      </Stack>
      <MemberListModal
        opened={opened}
        chat={chat}
        chatLabel={title}
        pathId={path.id}
        onClose={() => setOpened(false)}
      />
    </Paper>
  );
}
