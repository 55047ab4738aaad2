'use client';

import { Badge, Checkbox, Group, Paper, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { RosterFamily, RosterPerson } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import { cellState, familyPeople, type RosterColumn } from './roster-model';
import { StatusCell, type CellChoice } from './status-cell';
import classes from './class-page.module.css';

interface RowProps {
  person: RosterPerson;
  columns: RosterColumn[];
  columnLabels: string[];
  selected: boolean;
  firstOfFamily: boolean;
  onToggle: (personId: string) => void;
  onOpen: (personId: string) => void;
  onChoose: (person: RosterPerson, column: RosterColumn, choice: CellChoice) => void;
}

/** A warning that two people were given one phone number, with the handout's advice. */
export function SharedPhoneBadge() {
  const t = useTranslations('roster');
  return (
    <Tooltip label={t('sharedPhoneAdvice')} multiline maw={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge
        component="span"
        tabIndex={0}
        color="orange"
        variant="light"
        size="sm"
        tt="none"
        fw={600}
        leftSection={<span aria-hidden>⚠</span>}
        aria-label={`${t('sharedPhone')}. ${t('sharedPhoneAdvice')}`}
        style={{ cursor: 'help' }}
      >
        {t('sharedPhone')}
      </Badge>
    </Tooltip>
  );
}

const PersonRow = memo(function PersonRow({
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
  const isParent = person.kind === 'parent';
  const rowClass = [firstOfFamily ? classes.familyStart : '', isParent ? classes.parentRow : ''].join(' ');
  return (
    <Table.Tr className={rowClass} data-testid="roster-row" data-person-kind={person.kind} data-family-id={person.familyId}>
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
            {person.sharedPhone && <SharedPhoneBadge />}
          </Group>
        </div>
      </Table.Th>
      {columns.map((column, index) => {
        const state = cellState(person, column);
        return (
          <Table.Td key={column.id}>
            {state ? (
              <StatusCell
                person={person}
                column={column}
                columnLabel={columnLabels[index]}
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
      })}
    </Table.Tr>
  );
});

interface Props {
  caption: string;
  families: RosterFamily[];
  columns: RosterColumn[];
  columnLabels: string[];
  selected: ReadonlySet<string>;
  onToggle: (personId: string) => void;
  onToggleAll: (select: boolean) => void;
  onOpen: (personId: string) => void;
  onChoose: (person: RosterPerson, column: RosterColumn, choice: CellChoice) => void;
}

/** The grid: each family's students, then their parents, one row each; one column per step and per chat. */
export function RosterTable({
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
