'use client';

import { Badge, Checkbox, Group, Paper, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { OnboardingPath, RosterFamily, RosterPerson } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { useChatLabel, useOptOutWords, useTeacherAdvice } from './labels';
import { familyPeople, rowContent, type CellState, type RosterColumn } from './roster-model';
import { StatusCell, type CellChoice } from './status-cell';
import classes from './class-page.module.css';

type OnChoose = (person: RosterPerson, column: RosterColumn, state: CellState, choice: CellChoice) => void;

interface RowProps {
  path: OnboardingPath;
  person: RosterPerson;
  columns: RosterColumn[];
  columnLabels: string[];
  selected: boolean;
  firstOfFamily: boolean;
  onToggle: (personId: string) => void;
  onOpen: (personId: string) => void;
  onChoose: OnChoose;
}

/** A warning that two people were given one phone number, with what the path advises. */
export function SharedPhoneBadge({ advice }: { advice: string }) {
  const t = useTranslations('roster');
  return (
    <Tooltip label={advice} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge
        component="span"
        tabIndex={0}
        color="orange"
        variant="light"
        size="sm"
        tt="none"
        fw={600}
        leftSection={<span aria-hidden>⚠</span>}
        aria-label={`${t('sharedPhone')}. ${advice}`}
        style={{ cursor: 'help' }}
      >
        {t('sharedPhone')}
      </Badge>
    </Tooltip>
  );
}

const PersonRow = memo(function PersonRow({
  path,
  person,
  columns,
  columnLabels,
  selected,
  firstOfFamily,
  onToggle,
  onOpen,
  onChoose,
}: RowProps) {
  const t = useTranslations('roster.table');
  const sharedPhoneAdvice = useSharedPhoneAdvice(path);
  const chatLabel = useChatLabel(path);
  const optOutWords = useOptOutWords(path.id);
  const isParent = person.kind === 'parent';
  const content = rowContent(person, columns);
  const rowClass = [firstOfFamily ? classes.familyStart : '', isParent ? classes.parentRow : ''].join(' ');
  return (
    <Table.Tr
      className={rowClass}
      data-testid="roster-row"
      data-person-kind={person.kind}
      data-family-id={person.familyId}
      data-opted-out={person.optOut ? 'true' : undefined}
    >
      <Table.Td w={40}>
        <Checkbox
          checked={selected}
          onChange={() => onToggle(person.id)}
          aria-label={t('selectPerson', { name: person.displayName })}
          disabled={person.archived}
        />
      </Table.Td>
      <Table.Th scope="row" className={classes.stickyName} fw={400}>
        <div className={isParent ? classes.parentName : undefined}>
          <UnstyledButton
            className={classes.nameButton}
            onClick={() => onOpen(person.id)}
            aria-label={t('openPerson', { name: person.displayName })}
            aria-haspopup="dialog"
          >
            {person.displayName}
          </UnstyledButton>
          <Group gap={4} mt={2}>
            {isParent && (
              <Text span size="xs" c="dimmed">
                {t('parent')}
              </Text>
            )}
            {person.archived && (
              <Badge size="xs" color="gray" variant="outline">
                {t('archived')}
              </Badge>
            )}
            {person.sharedPhone && !person.optOut && <SharedPhoneBadge advice={sharedPhoneAdvice} />}
          </Group>
        </div>
      </Table.Th>
      {content.kind === 'optedOut' ? (
        // One line instead of the cells: the steps of someone who does not use Sferum are not tracked.
        <Table.Td colSpan={Math.max(1, columns.length)} className={classes.optedOutCell} data-testid="opted-out-line">
          <span className={classes.optedOutBadge}>
            <span aria-hidden>○</span>
            {optOutWords(content.optOut).line}
          </span>
        </Table.Td>
      ) : (
        columns.map((column, index) => {
          const state = content.cells[index];
          return (
            <Table.Td key={column.id}>
              {state ? (
                <StatusCell
                  path={path}
                  person={person}
                  column={column}
                  itemLabel={state.chat ? chatLabel(state.chat) : (columnLabels[index] ?? column.id)}
                  state={state}
                  onChoose={onChoose}
                />
              ) : (
                <Text size="sm" c="dimmed" title={t('notInChat')}>
                  —<VisuallyHidden>{t('notInChat')}</VisuallyHidden>
                </Text>
              )}
            </Table.Td>
          );
        })
      )}
    </Table.Tr>
  );
});

/** The shared-phone warning: one number holds one account, and what this path advises the teacher to do. */
export function useSharedPhoneAdvice(path: OnboardingPath): string {
  const t = useTranslations('roster');
  const advice = useTeacherAdvice();
  const own = advice(path, 'shared_phone');
  return own ? `${t('sharedPhoneAdvice')} ${own}` : t('sharedPhoneAdvice');
}

interface Props {
  path: OnboardingPath;
  caption: string;
  families: RosterFamily[];
  columns: RosterColumn[];
  columnLabels: string[];
  selected: ReadonlySet<string>;
  onToggle: (personId: string) => void;
  onToggleAll: (select: boolean) => void;
  onOpen: (personId: string) => void;
  onChoose: OnChoose;
}

/** The grid: each family's students, then their parents, one row each; one column per step and per chat. */
export function RosterTable({
  path,
  caption,
  families,
  columns,
  columnLabels,
  selected,
  onToggle,
  onToggleAll,
  onOpen,
  onChoose,
}: Props) {
  const t = useTranslations('roster.table');
  const visible = families.flatMap(familyPeople).filter((person) => !person.archived);
  const selectedVisible = visible.filter((person) => selected.has(person.id)).length;
  const all = visible.length > 0 && selectedVisible === visible.length;

  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={290 + columns.length * 118} type="native">
        <Table className={classes.grid} verticalSpacing={6} horizontalSpacing={6} data-testid="roster-table">
          <Table.Caption style={{ captionSide: 'top' }}>
            <VisuallyHidden>{caption}</VisuallyHidden>
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  checked={all}
                  indeterminate={selectedVisible > 0 && !all}
                  onChange={() => onToggleAll(!all)}
                  aria-label={t('selectVisible')}
                  disabled={visible.length === 0}
                />
              </Table.Th>
              <Table.Th className={classes.stickyName} miw={230}>
                {t('name')}
              </Table.Th>
              {columns.map((column, index) => (
                <Table.Th key={column.id} scope="col">
                  {columnLabels[index]}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          {families.map((family) => (
            <Table.Tbody key={family.id} data-testid="roster-family">
              {familyPeople(family).map((person, index) => (
                <PersonRow
                  key={person.id}
                  path={path}
                  person={person}
                  columns={columns}
                  columnLabels={columnLabels}
                  selected={selected.has(person.id)}
                  firstOfFamily={index === 0}
                  onToggle={onToggle}
                  onOpen={onOpen}
                  onChoose={onChoose}
                />
              ))}
            </Table.Tbody>
          ))}
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
