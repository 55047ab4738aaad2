'use client';

import { Box, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { kindProgress, type KindReport, type OverallStatus, type ProgressReport } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { formatProgress } from './progress-share';
import { formatCount, overallCounts } from './report-model';

/**
 * Colours of people's statuses. Those who do not use Sferum get a calm,
 * neutral tone: a lawful choice, never shown as a failure.
 */
export const STATUS_COLORS: Record<OverallStatus, string> = {
  connected: 'teal.7',
  inProgress: 'blue.5',
  blocked: 'orange.6',
  notStarted: 'gray.4',
  optedOut: 'indigo.2',
};

function cssColor(color: string): string {
  const [name, shade] = color.split('.');
  return `var(--mantine-color-${name}-${shade})`;
}

/** Everyone of one kind at a glance: connected, in progress, blocked, not started, opted out, as a bar and a list. */
export function StatusBreakdown({ kind }: { kind: KindReport }) {
  const t = useTranslations('reports.totals');
  const locale = useLocale();
  const counts = overallCounts(kind);
  return (
    <Stack gap={6}>
      {/* The list below says the same in words: the bar is for the eye only. */}
      <Progress.Root size="lg" radius="sm" aria-hidden>
        {counts.map(({ status, count }) => (
          <Progress.Section
            key={status}
            value={kind.people === 0 ? 0 : (count / kind.people) * 100}
            color={STATUS_COLORS[status]}
          />
        ))}
      </Progress.Root>
      <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {counts.map(({ status, count }) => (
          <Group key={status} component="li" justify="space-between" gap="xs" wrap="nowrap">
            <Group gap={6} wrap="nowrap">
              <Box
                w={12}
                h={12}
                bg={cssColor(STATUS_COLORS[status])}
                style={{ borderRadius: 3, flex: 'none' }}
                aria-hidden
              />
              <Text size="sm">{t(`statuses.${status}`)}</Text>
            </Group>
            <Text size="sm" fw={500}>
              {formatCount(count, locale)}
            </Text>
          </Group>
        ))}
      </Box>
    </Stack>
  );
}

function KindCard({ title, kind }: { title: string; kind: KindReport }) {
  const t = useTranslations('reports.totals');
  const locale = useLocale();
  const count = (value: number) => formatCount(value, locale);
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
      <Group justify="space-between" align="flex-end" gap="xs" mb="sm">
        <Stack gap={0}>
          <Text size="sm" c="dimmed">
            {t('progress')}
          </Text>
          <Text fz={28} fw={700} lh={1.2}>
            {formatProgress(kindProgress(kind), locale)}
          </Text>
          <Text size="sm">
            {t('connectedOf', { connected: count(kind.overall.connected), participants: count(kind.participants) })}
          </Text>
        </Stack>
        <Text size="sm" c="dimmed" ta="right">
          {t('optedOut', { count: count(kind.overall.optedOut) })}
        </Text>
      </Group>
      <StatusBreakdown kind={kind} />
      <Text fw={600} size="sm" mt="md" mb={4}>
        {t('chatsHeading')}
      </Text>
      <Stack gap={2}>
        <ChatLine label={t('classChat')} value={chatValue(kind.classChatJoined, kind.participants)} />
        <ChatLine label={t('subjectChats')} value={chatValue(kind.subjectChatsJoined, kind.subjectChatMemberships)} />
        <ChatLine label={t('schoolChat')} value={chatValue(kind.schoolChatJoined, kind.participants)} />
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

/** Students and parents of the whole district or school as a whole, the same on any path: progress, statuses, chats. */
export function ReportTotals({ total }: { total: ProgressReport }) {
  const t = useTranslations('reports.totals');
  return (
    <section aria-labelledby="report-totals">
      <Title order={2} fz="xl" mb={4} id="report-totals">
        {t('heading')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('hint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <KindCard title={t('students')} kind={total.students} />
        <KindCard title={t('parents')} kind={total.parents} />
      </SimpleGrid>
    </section>
  );
}
