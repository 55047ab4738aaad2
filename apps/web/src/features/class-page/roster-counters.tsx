'use client';

import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ClassCounter, OnboardingPath, PersonKind, ProgressItem } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { useItemLabel, useLocalized } from './labels';
import { counterItems, summarizeCounters, summarizeKind } from './roster-model';
import classes from './class-page.module.css';

interface Props {
  path: OnboardingPath;
  counters: ClassCounter[];
  hasSubjectChats: boolean;
}

const STATUS_TONES = [
  { key: 'connected', field: 'connected', color: undefined },
  { key: 'in_progress', field: 'inProgress', color: undefined },
  { key: 'blocked', field: 'blocked', color: 'red.9' },
  { key: 'not_started', field: 'notStarted', color: undefined },
] as const;

function CounterBlock({
  path,
  kind,
  items,
  counters,
}: Omit<Props, 'hasSubjectChats'> & { kind: PersonKind; items: ProgressItem[] }) {
  const t = useTranslations('roster.counters');
  const tRoster = useTranslations('roster');
  const itemLabel = useItemLabel(path);
  const summary = useMemo(() => summarizeKind(counters, kind), [counters, kind]);
  const rows = useMemo(() => summarizeCounters(counters, kind, items), [counters, kind, items]);
  const title = kind === 'student' ? t('students') : t('parents');
  const titleId = `counters-${kind}-title`;

  return (
    <Paper withBorder radius="md" p="md" data-testid={`counters-${kind}`} component="section" aria-labelledby={titleId}>
      <Title order={2} fz="md" mb="xs" id={titleId}>
        {title}
      </Title>
      {summary.people === 0 ? (
        <Text size="sm" c="dimmed">
          {t('none')}
        </Text>
      ) : (
        <Stack gap={10}>
          <div
            data-testid={`counter-${kind}-overall`}
            data-connected={summary.connected}
            data-participants={summary.participants}
            data-opted-out={summary.optedOut}
          >
            <Group justify="space-between" gap="xs" align="baseline">
              <Text fw={700} size="lg">
                {summary.participants === 0
                  ? t('allOptedOut')
                  : t('connectedOf', { connected: summary.connected, participants: summary.participants })}
              </Text>
              {summary.optedOut > 0 && (
                // Apart and in a neutral grey: not using Sferum/MAX is a lawful choice, never a failure.
                <Text size="sm" c="dimmed" data-testid={`counter-${kind}-opted-out`}>
                  {t('optedOut', { count: summary.optedOut })}
                </Text>
              )}
            </Group>
            {summary.participants > 0 && (
              <Progress
                value={summary.percent}
                color={summary.connected === summary.participants ? 'green' : 'blue'}
                size="md"
                mt={6}
                aria-label={t('progressLabel', {
                  kind: title,
                  connected: summary.connected,
                  participants: summary.participants,
                })}
              />
            )}
            <ul className={classes.counterStatuses}>
              {STATUS_TONES.map((tone) => (
                <Text
                  component="li"
                  size="sm"
                  key={tone.key}
                  c={summary[tone.field] > 0 ? tone.color : 'dimmed'}
                  className={tone.key === 'connected' && summary.connected > 0 ? classes.okText : undefined}
                >
                  {t(`statuses.${tone.key}`)}: <strong>{summary[tone.field]}</strong>
                </Text>
              ))}
            </ul>
          </div>

          {/* Folded by default, so the grid starts higher on the screen; the figures stay in the page. */}
          <details className={classes.counterItems} data-testid={`counter-${kind}-items`}>
            <summary>
              <Title order={3} fz="sm" fw={600} component="span">
                {t('itemsTitle')}
              </Title>
            </summary>
            <Stack gap={8} mt={8}>
              {rows.map((row) => {
                const label = itemLabel(row.item, kind);
                const percent = row.total === 0 ? 0 : Math.round((row.done / row.total) * 100);
                return (
                  <div
                    key={row.item}
                    data-testid={`counter-${kind}-${row.item}`}
                    data-done={row.done}
                    data-total={row.total}
                    data-opted-out={row.optedOut}
                  >
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {label}
                      </Text>
                      <Group gap="sm" wrap="nowrap">
                        {row.blocked > 0 && (
                          <Text size="xs" c="red.9" fw={600}>
                            ⚠ {t('blocked', { count: row.blocked })}
                          </Text>
                        )}
                        <Text size="sm" c={row.total === 0 ? 'dimmed' : undefined}>
                          {row.total === 0 ? t('none') : tRoster('ofTotal', { done: row.done, total: row.total })}
                        </Text>
                      </Group>
                    </Group>
                    <Progress
                      value={percent}
                      color={percent === 100 ? 'green' : 'blue'}
                      size="sm"
                      mt={4}
                      aria-label={t('itemLabel', { item: label, done: row.done, total: row.total })}
                    />
                  </div>
                );
              })}
            </Stack>
          </details>
        </Stack>
      )}
    </Paper>
  );
}

/**
 * How far the class has got, students and parents apart, from the API's exact
 * counters: connected of those taking part, with the opted-out apart; then
 * each step of the school's path and the chats.
 */
export function RosterCounters({ path, counters, hasSubjectChats }: Props) {
  const t = useTranslations('roster.counters');
  const localized = useLocalized();
  const items = useMemo(() => counterItems(path, hasSubjectChats), [path, hasSubjectChats]);
  const anyOptedOut = useMemo(
    () =>
      counters.some((counter) => counter.item === 'overall' && counter.status === 'opted_out' && counter.people > 0),
    [counters],
  );
  return (
    <Stack gap={6}>
      <Text size="sm" c="dimmed" data-testid="roster-path" data-path-id={path.id}>
        {t('path', { name: localized(path.name) })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <CounterBlock path={path} kind="student" items={items} counters={counters} />
        <CounterBlock path={path} kind="parent" items={items} counters={counters} />
      </SimpleGrid>
      {anyOptedOut && (
        <Text size="xs" c="dimmed">
          {t('optedOutHint', { path: path.id })}
        </Text>
      )}
    </Stack>
  );
}
