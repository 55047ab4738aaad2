'use client';

import { Menu, Tooltip } from '@mantine/core';
import { BLOCKER_REASONS, type BlockerReason, type RosterPerson } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { memo } from 'react';
import type { CellState, CellTone, RosterColumn } from './roster-model';
import classes from './class-page.module.css';

/** What the teacher picked in a cell's menu. */
export type CellChoice = { tone: 'done' } | { tone: 'open' } | { tone: 'blocked'; reason: BlockerReason };

const ICONS: Record<CellTone, string> = { done: '✓', blocked: '⚠', open: '○' };

interface Props {
  person: RosterPerson;
  column: RosterColumn;
  columnLabel: string;
  state: CellState;
  onChoose: (person: RosterPerson, column: RosterColumn, choice: CellChoice) => void;
}

/** One step or chat of one person: status by icon, colour and word; a menu changes it. */
export const StatusCell = memo(function StatusCell({ person, column, columnLabel, state, onChoose }: Props) {
  const t = useTranslations('roster.status');
  const tMenu = useTranslations('roster.menu');
  const tReasons = useTranslations('roster.reasons');
  const tShort = useTranslations('roster.reasonsShort');
  const isChat = column.kind === 'chat';
  const statusWord =
    state.tone === 'done' ? t(isChat ? 'joined' : 'done') : state.tone === 'blocked' ? t('blocked') : t(isChat ? 'not_joined' : 'not_started');
  const reason = state.blockerReason ? tReasons(state.blockerReason) : null;
  const reasonText = reason && state.blockerNote ? `${reason}: ${state.blockerNote}` : reason;
  const byParent = state.source === 'parent_link';
  const label =
    (state.tone === 'blocked' && reasonText
      ? t('cellLabelReason', { name: person.displayName, item: columnLabel, reason: reasonText })
      : t('cellLabel', { name: person.displayName, item: columnLabel, status: statusWord })) +
    (byParent ? ` (${t('byParent')})` : '');

  const button = (
    <button
      type="button"
      className={classes.cell}
      data-tone={state.tone}
      data-person-id={person.id}
      data-item={column.id}
      data-status={state.status}
      data-source={state.source ?? ''}
      aria-label={label}
    >
      <span className={classes.cellMain}>
        <span aria-hidden className={classes.cellIcon}>
          {ICONS[state.tone]}
        </span>
        {statusWord}
      </span>
      {state.blockerReason && state.tone === 'blocked' && (
        <span className={`${classes.cellNote} ${classes.cellReason}`}>
          {state.blockerReason === 'other' && state.blockerNote ? state.blockerNote : tShort(state.blockerReason)}
        </span>
      )}
      {byParent && <span className={classes.cellNote}>{t('byParent')}</span>}
    </button>
  );

  return (
    <Menu
      position="bottom-start"
      shadow="md"
      width={290}
      withinPortal
      // On a tablet the menu may not fit below the cell or above it: it then scrolls inside.
      middlewares={{ flip: true, shift: true, size: { padding: 8 } }}
      styles={{ dropdown: { overflowY: 'auto' }, item: { paddingTop: 6, paddingBottom: 6 } }}
    >
      <Menu.Target>
        {state.tone === 'blocked' && reasonText ? (
          <Tooltip label={reasonText} multiline maw={280} withArrow openDelay={300}>
            {button}
          </Tooltip>
        ) : (
          button
        )}
      </Menu.Target>
      <Menu.Dropdown aria-label={columnLabel}>
        <Menu.Label>{`${person.displayName} · ${columnLabel}`}</Menu.Label>
        <Menu.Item
          leftSection={<span aria-hidden>✓</span>}
          color="green"
          fw={state.tone === 'done' ? 700 : undefined}
          onClick={() => onChoose(person, column, { tone: 'done' })}
        >
          {tMenu(isChat ? 'joined' : 'done')}
        </Menu.Item>
        <Menu.Item
          leftSection={<span aria-hidden>○</span>}
          fw={state.tone === 'open' ? 700 : undefined}
          onClick={() => onChoose(person, column, { tone: 'open' })}
        >
          {tMenu(isChat ? 'notJoined' : 'notStarted')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{tMenu('blocked')}</Menu.Label>
        {BLOCKER_REASONS.map((blocker) => (
          <Menu.Item
            key={blocker}
            leftSection={<span aria-hidden>⚠</span>}
            color="orange.9"
            fw={state.tone === 'blocked' && state.blockerReason === blocker ? 700 : undefined}
            onClick={() => onChoose(person, column, { tone: 'blocked', reason: blocker })}
          >
            {blocker === 'other' ? `${tReasons(blocker)}…` : tReasons(blocker)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
});
