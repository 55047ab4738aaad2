'use client';

import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ClassCounter, Messenger, PersonKind, ProgressItem } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useItemLabel } from './labels';
import { summarizeCounters } from './roster-model';

interface Props {
  counters: ClassCounter[];
  messenger: Messenger;
  hasSubjectChats: boolean;
}

function CounterBlock({ kind, items, counters, messenger }: Omit<Props, 'hasSubjectChats'> & { kind: PersonKind; items: ProgressItem[] }) {
  const t = useTranslations('roster.counters');
  const itemLabel = useItemLabel(messenger);
  const rows = useMemo(() => summarizeCounters(counters, kind, items), [counters, kind, items]);
  const title = kind === 'student' ? t('students') : t('parents');
  return (
    <Paper withBorder radius="md" p="md" data-testid={`counters-${kind}`}>
      <Title order={2} fz="md" mb="xs">
        {title}
      </Title>
      <Stack gap={8}>
        {rows.map((row) => {
          const percent = row.total === 0 ? 0 : Math.round((row.done / row.total) * 100);
          return (
            <div key={row.item} data-testid={`counter-${kind}-${row.item}`} data-done={row.done} data-total={row.total}>
              <Group justify="space-between" gap="xs" wrap="nowrap">
                <Text size="sm" fw={500}>
                  {itemLabel(row.item)}
                </Text>
                <Group gap="sm" wrap="nowrap">
                  {row.blocked > 0 && (
                    <Text size="xs" c="orange.9" fw={600}>
                      ⚠ {t('blocked', { count: row.blocked })}
                    </Text>
                  )}
                  <Text size="sm" c={row.total === 0 ? 'dimmed' : undefined}>
                    {row.total === 0 ? t('none') : t('done', { done: row.done, total: row.total })}
                  </Text>
                </Group>
              </Group>
              <Progress
                value={percent}
                color={percent === 100 ? 'green' : 'blue'}
                size="sm"
                mt={4}
                aria-label={t('progressLabel', { item: itemLabel(row.item), done: row.done, total: row.total })}
              />
            </div>
          );
        })}
      </Stack>
    </Paper>
  );
}

/** How far the class has got, students and parents apart, from the API's exact counters. */
export function RosterCounters({ counters, messenger, hasSubjectChats }: Props) {
  const items = useMemo<ProgressItem[]>(
    () => ['vk_id', 'sferum_profile', 'messenger', 'chat_class', ...(hasSubjectChats ? (['chat_subject'] as const) : []), 'chat_school'],
    [hasSubjectChats],
  );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <CounterBlock kind="student" items={items} counters={counters} messenger={messenger} />
      <CounterBlock kind="parent" items={items} counters={counters} messenger={messenger} />
    </SimpleGrid>
  );
}
