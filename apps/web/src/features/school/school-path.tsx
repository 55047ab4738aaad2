'use client';

import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { PATH_CATALOGUE, type OnboardingPath, type SchoolSummary } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { PathName, useAppLocale } from './path-name';
import { SwitchPathModal } from './switch-path-modal';

/** The school's onboarding path: what it is, its steps, and (for those who may) the way to another one. */
export function SchoolPathSection({ school, canManage }: { school: SchoolSummary; canManage: boolean }) {
  const t = useTranslations('schoolPath');
  const locale = useAppLocale();
  const [switching, setSwitching] = useState(false);
  const path = PATH_CATALOGUE.get(school.pathId);
  const [firstOther, ...moreOthers] = PATH_CATALOGUE.paths.filter((candidate) => candidate.id !== path.id);
  // The paths to switch to, or null on a catalogue of one path.
  const others: [OnboardingPath, ...OnboardingPath[]] | null = firstOther ? [firstOther, ...moreOthers] : null;
  const chats = [...path.chats.classChats, path.chats.subject, path.chats.school]
    .map((chat) => chat.title[locale])
    .join(', ');
  const chosenOn = school.pathChangedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'Europe/Moscow' }).format(
        new Date(school.pathChangedAt),
      )
    : null;

  return (
    <Paper withBorder p="md" mb="xl" component="section" aria-labelledby="school-path" data-testid="school-path">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ flex: '1 1 20rem', minWidth: 0 }}>
          <Title order={2} fz="lg" id="school-path">
            {t('heading')}
          </Title>
          <PathName path={path} locale={locale} />
          <Text size="sm">{path.description[locale]}</Text>
          <Text size="sm" fw={600} mt={4}>
            {t('stepsHeading')}
          </Text>
          <List type="ordered" size="sm" spacing={2}>
            {path.steps.map((step) => (
              <List.Item key={step.id}>{step.title[locale]}</List.Item>
            ))}
          </List>
          <Text size="sm" c="dimmed">
            {t('chats', { chats })}
          </Text>
          {chosenOn && (
            <Text size="xs" c="dimmed">
              {t('chosenOn', { date: chosenOn })}
            </Text>
          )}
        </Stack>
        {canManage && others && (
          <Button variant="default" onClick={() => setSwitching(true)}>
            {t('switch')}
          </Button>
        )}
      </Group>
      {canManage && others && (
        <SwitchPathModal
          opened={switching}
          school={school}
          current={path}
          others={others}
          onClose={() => setSwitching(false)}
        />
      )}
    </Paper>
  );
}
