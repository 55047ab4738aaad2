'use client';

import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { PATH_CATALOGUE } from '@sferum/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { classQuery } from '../../api/queries';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { ChatLinksForm } from './chat-links-form';
import { reminderRosterQuery } from './invites-api';
import { ParentInfoForm } from './parent-info-form';

/** What a teacher fills in before printing the letters: whom parents ask and by when, and the chats' invitation links. */
export function BeforePrinting({ classId }: { classId: string }) {
  const t = useTranslations('invites');
  const headingId = useId();
  const schoolClass = useQuery(classQuery(classId));
  const roster = useQuery(reminderRosterQuery(classId));

  let content;
  if (schoolClass.isPending || roster.isPending) content = <LoadingState />;
  else if (schoolClass.isError)
    content = <ErrorState error={schoolClass.error} onRetry={() => void schoolClass.refetch()} />;
  else if (roster.isError) content = <ErrorState error={roster.error} onRetry={() => void roster.refetch()} />;
  else
    content = (
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {/* Keyed by the class, so that another class's values never linger in the form. */}
        <ParentInfoForm key={schoolClass.data.id} schoolClass={schoolClass.data} />
        <ChatLinksForm classId={classId} path={PATH_CATALOGUE.get(roster.data.pathId)} chats={roster.data.chats} />
      </SimpleGrid>
    );

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <div>
        <Title order={3} fz="h4" id={headingId}>
          {t('beforePrinting')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('beforePrintingText')}
        </Text>
      </div>
      {content}
    </Stack>
  );
}
