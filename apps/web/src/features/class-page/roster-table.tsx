'use client';

import {
  Badge,
  Checkbox,
  Group,
  Paper,
  Popover,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import type { OnboardingPath, RosterFamily, RosterPerson } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { useChatLabel, useOptOutWords, useTeacherAdvice } from './labels';
import {
  cellState,
  familyPeople,
  foldedState,
  type CellState,
  type GridColumn,
  type RosterColumn,
  type RosterDensity,
} from './roster-model';
import { StatusCell, type CellChoice } from './status-cell';
import classes from './class-page.module.css';

type OnChoose = (person: RosterPerson, column: RosterColumn, state: CellState, choice: CellChoice) => void;

interface RowProps {
  path: OnboardingPath;
  person: RosterPerson;
  columns: GridColumn[];
  columnLabels: string[];
  density: RosterDensity;
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
  density,
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
        <div className={[classes.nameCell, isParent ? classes.parentName : ''].join(' ')}>
          <UnstyledButton
            className={classes.nameButton}
            onClick={() => onOpen(person.id)}
            aria-label={t('openPerson', { name: person.displayName })}
            aria-haspopup="dialog"
          >
            {person.displayName}
          </UnstyledButton>
          <Group gap={4} mt={density === 'compact' ? 0 : 2} className={classes.nameNotes}>
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
      {person.optOut ? (
        // One line instead of the cells: the steps of someone who does not use Sferum are not tracked.
        <Table.Td colSpan={Math.max(1, columns.length)} className={classes.optedOutCell} data-testid="opted-out-line">
          <span className={classes.optedOutBadge}>
            <span aria-hidden>○</span>
            {optOutWords(person.optOut).line}
          </span>
        </Table.Td>
      ) : (
        columns.map((grid, index) => {
          if (grid.kind === 'folded')
            return (
              <Table.Td key={grid.id}>
                <FoldedChatsCell path={path} person={person} columns={grid.columns} onChoose={onChoose} />
              </Table.Td>
            );
          const { column } = grid;
          const state = cellState(person, column);
          return (
            <Table.Td key={grid.id}>
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

const FOLDED_ICONS = { done: '✓', blocked: '⚠', open: '○' } as const;

/**
 * A person's subject chats in one cell: how many of them they joined («1 из 3»),
 * and behind it a popover with each chat and its own menu, by keyboard too.
 */
function FoldedChatsCell({
  path,
  person,
  columns,
  onChoose,
}: {
  path: OnboardingPath;
  person: RosterPerson;
  columns: RosterColumn[];
  onChoose: OnChoose;
}) {
  const t = useTranslations('roster.table');
  const tRoster = useTranslations('roster');
  const chatLabel = useChatLabel(path);
  const { items, joined } = foldedState(person, columns);
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed" title={t('notInSubjectChats')}>
        —<VisuallyHidden>{t('notInSubjectChats')}</VisuallyHidden>
      </Text>
    );
  const tone =
    joined === items.length ? 'done' : items.some((item) => item.state.tone === 'blocked') ? 'blocked' : 'open';
  const title = t('foldedTitle', { name: person.displayName });
  return (
    <Popover position="bottom-start" shadow="md" width={320} trapFocus returnFocus withinPortal>
      <Popover.Target>
        <button
          type="button"
          className={classes.cell}
          data-tone={tone}
          data-person-id={person.id}
          data-item="chat_subject"
          data-joined={joined}
          data-total={items.length}
          aria-label={t('foldedLabel', { name: person.displayName, joined, total: items.length })}
        >
          <span className={classes.cellMain}>
            <span aria-hidden className={classes.cellIcon}>
              {FOLDED_ICONS[tone]}
            </span>
            {tRoster('ofTotal', { done: joined, total: items.length })}
          </span>
        </button>
      </Popover.Target>
      <Popover.Dropdown aria-label={title} data-testid="subject-chats-popover">
        <Text size="sm" fw={600} mb={6}>
          {title}
        </Text>
        <ul className={classes.foldedList}>
          {items.map(({ column, state }) => {
            const label = state.chat ? chatLabel(state.chat) : column.id;
            return (
              <li key={column.id} className={classes.foldedItem}>
                <Text size="sm">{label}</Text>
                <StatusCell
                  path={path}
                  person={person}
                  column={column}
                  itemLabel={label}
                  state={state}
                  onChoose={onChoose}
                  withinPortal={false}
                />
              </li>
            );
          })}
        </ul>
      </Popover.Dropdown>
    </Popover>
  );
}

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
  /** the name of the scrolling frame, for those who reach it by keyboard */
  frameLabel: string;
  families: RosterFamily[];
  columns: GridColumn[];
  columnLabels: string[];
  density: RosterDensity;
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
  frameLabel,
  families,
  columns,
  columnLabels,
  density,
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
    <Paper withBorder radius="md" className={classes.gridPaper}>
      {/* The grid scrolls in its own frame, never the page: the header row and the names stay in view. */}
      <div
        className={classes.gridFrame}
        role="region"
        aria-label={frameLabel}
        tabIndex={0}
        data-testid="roster-frame"
        data-density={density}
      >
        <Table
          className={classes.grid}
          verticalSpacing={density === 'compact' ? 2 : 6}
          horizontalSpacing={6}
          miw={290 + columns.length * 118}
          data-testid="roster-table"
          data-density={density}
        >
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
              <Table.Th className={classes.stickyName} miw={230} scope="col">
                {t('name')}
              </Table.Th>
              {columns.map((column, index) => (
                <Table.Th key={column.id} scope="col" data-column={column.id}>
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
                  density={density}
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
      </div>
    </Paper>
  );
}
