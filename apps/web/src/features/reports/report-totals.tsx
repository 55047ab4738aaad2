'use client';

import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { STEP_IDS, type KindReport, type ProgressReport } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { formatCount, formatShare } from './report-model';

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function Bar({ label, value, done, of, color }: { label: string; value: string; done: number; of: number; color: string }) {
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm">{label}</Text>
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {value}
        </Text>
      </Group>
      <Progress value={share(done, of) * 100} color={color} size="md" radius="sm" aria-label={`${label}: ${value}`} />
    </Stack>
  );
}

function KindCard({ title, kind, color }: { title: string; kind: KindReport; color: string }) {
  const t = useTranslations('reports.totals');
  const locale = useLocale();
  const count = (value: number) => formatCount(value, locale);
  const stepValue = (done: number, of: number) =>
    t('stepValue', { share: formatShare(share(done, of), locale), done: count(done), people: count(of) });
  const chatValue = (joined: number, of: number) => t('chatValue', { joined: count(joined), of: count(of) });

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={3} fz="lg">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {t('people', { count: count(kind.people) })}
        </Text>
      </Group>
      <Stack gap="sm">
        {STEP_IDS.map((step) => (
          <Bar
            key={step}
            label={t(`steps.${step}`)}
            value={stepValue(kind.steps[step].done, kind.people)}
            done={kind.steps[step].done}
            of={kind.people}
            color={color}
          />
        ))}
      </Stack>
      <Text fw={600} size="sm" mt="md" mb={4}>
        {t('chatsHeading')}
      </Text>
      <Stack gap={2}>
        <ChatLine label={t('classChat')} value={chatValue(kind.classChatJoined, kind.people)} />
        <ChatLine label={t('subjectChats')} value={chatValue(kind.subjectChatsJoined, kind.subjectChatMemberships)} />
        <ChatLine label={t('schoolChat')} value={chatValue(kind.schoolChatJoined, kind.people)} />
      </Stack>
    </Paper>
  );
}

function ChatLine({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </Group>
  );
}

/** Students and parents of the whole district or school: each step's share done, and the chats. */
export function ReportTotals({ total }: { total: ProgressReport }) {
  const t = useTranslations('reports.totals');
  return (
    <section aria-labelledby="report-totals">
      <Title order={2} fz="xl" mb="sm" id="report-totals">
        {t('heading')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <KindCard title={t('students')} kind={total.students} color="blue" />
        <KindCard title={t('parents')} kind={total.parents} color="teal" />
      </SimpleGrid>
    </section>
  );
}
