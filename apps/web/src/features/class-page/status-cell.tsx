'use client';

import { Menu, Text, Tooltip } from '@mantine/core';
import type { BlockerReason, OnboardingPath, RosterPerson } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { memo, useId } from 'react';
import { useLocalized, useReasonLabel, useTeacherAdvice } from './labels';
import type { CellState, CellTone, RosterColumn } from './roster-model';
import classes from './class-page.module.css';

/** What the teacher picked in a cell's menu. */
export type CellChoice = { tone: 'done' } | { tone: 'open' } | { tone: 'blocked'; reason: BlockerReason };

const ICONS: Record<CellTone, string> = { done: '✓', blocked: '⚠', open: '○' };

interface Props {
  path: OnboardingPath;
  person: RosterPerson;
  column: RosterColumn;
  /** the step's title, or the chat's own name (on MAX, the class chat with parents or with students) */
  itemLabel: string;
  state: CellState;
  onChoose: (person: RosterPerson, column: RosterColumn, state: CellState, choice: CellChoice) => void;
  /** false inside a popover, so that choosing in the menu is not a click outside the popover */
  withinPortal?: boolean;
}

/**
 * One step or chat of one person: status by icon, colour and word; a menu
 * changes it, offering only the reasons this step (or the chats) can have on
 * the school's path. A blocked cell says what the teacher can do about it.
 */
export const StatusCell = memo(function StatusCell({
  path,
  person,
  column,
  itemLabel,
  state,
  onChoose,
  withinPortal = true,
}: Props) {
  const t = useTranslations('roster.status');
  const tMenu = useTranslations('roster.menu');
  const localized = useLocalized();
  const reasonLabel = useReasonLabel();
  const teacherAdvice = useTeacherAdvice();
  const adviceId = useId();
  const isChat = column.kind === 'chat';
  const statusWord =
    state.tone === 'done'
      ? t(isChat ? 'joined' : 'done')
      : state.tone === 'blocked'
        ? t('blocked')
        : t(isChat ? 'not_joined' : 'not_started');
  const reason = state.blockerReason ? reasonLabel(path, state.blockerReason) : null;
  const reasonText = reason && state.blockerNote ? `${reason}: ${state.blockerNote}` : reason;
  const advice = state.tone === 'blocked' ? teacherAdvice(path, state.blockerReason) : null;
  const byParent = state.source === 'parent_link';
  const label =
    (state.tone === 'blocked' && reasonText
      ? t('cellLabelReason', { name: person.displayName, item: itemLabel, reason: reasonText })
      : t('cellLabel', { name: person.displayName, item: itemLabel, status: statusWord })) +
    (byParent ? ` (${t('byParent')})` : '');

  const button = (
    <button
      type="button"
      className={classes.cell}
      data-tone={state.tone}
      data-person-id={person.id}
      data-item={column.id}
      data-chat-id={state.chat?.id}
      data-status={state.status}
      data-source={state.source ?? ''}
      aria-label={label}
      aria-describedby={advice ? adviceId : undefined}
    >
      <span className={classes.cellMain}>
        <span aria-hidden className={classes.cellIcon}>
          {ICONS[state.tone]}
        </span>
        {statusWord}
      </span>
      {state.blockerReason && state.tone === 'blocked' && (
        <span className={`${classes.cellNote} ${classes.cellReason}`}>
          {state.blockerReason === 'other' && state.blockerNote ? state.blockerNote : reason}
        </span>
      )}
      {byParent && <span className={classes.cellNote}>{t('byParent')}</span>}
      {advice && (
        <span id={adviceId} hidden>
          {`${tMenu('advice')}: ${advice}`}
        </span>
      )}
    </button>
  );

  const tooltip = [reasonText, advice ? `${tMenu('advice')}: ${advice}` : null].filter(Boolean).join('\n');

  return (
    <Menu
      position="bottom-start"
      shadow="md"
      width={300}
      withinPortal={withinPortal}
      // On a tablet the menu may not fit below the cell or above it: it then scrolls inside.
      middlewares={{ flip: true, shift: true, size: { padding: 8 } }}
      // A menu that scrolls inside itself needs items that Tab reaches too (axe: scrollable-region-focusable).
      menuItemTabIndex={0}
      styles={{ dropdown: { overflowY: 'auto' }, item: { paddingTop: 6, paddingBottom: 6 } }}
    >
      {/* The tooltip wraps the menu's target, so that the button keeps the menu's aria-haspopup and aria-expanded. */}
      {state.tone === 'blocked' && tooltip ? (
        <Tooltip label={tooltip} multiline maw={300} withArrow openDelay={300} style={{ whiteSpace: 'pre-line' }}>
          <Menu.Target>{button}</Menu.Target>
        </Tooltip>
      ) : (
        <Menu.Target>{button}</Menu.Target>
      )}
      <Menu.Dropdown aria-label={`${person.displayName} · ${itemLabel}`}>
        <Menu.Label>{`${person.displayName} · ${itemLabel}`}</Menu.Label>
        {advice && (
          <div className={classes.menuAdvice} data-testid="cell-advice">
            <Text size="xs" fw={600}>
              {tMenu('advice')}
            </Text>
            <Text size="sm">{advice}</Text>
          </div>
        )}
        <Menu.Item
          leftSection={
            <span aria-hidden className={classes.okIcon}>
              ✓
            </span>
          }
          fw={state.tone === 'done' ? 700 : undefined}
          onClick={() => onChoose(person, column, state, { tone: 'done' })}
        >
          {tMenu(isChat ? 'joined' : 'done')}
        </Menu.Item>
        <Menu.Item
          leftSection={<span aria-hidden>○</span>}
          fw={state.tone === 'open' ? 700 : undefined}
          onClick={() => onChoose(person, column, state, { tone: 'open' })}
        >
          {tMenu(isChat ? 'notJoined' : 'notStarted')}
        </Menu.Item>
        {column.blockers.length > 0 && (
          <>
            <Menu.Divider />
            <Menu.Label>{tMenu('blocked')}</Menu.Label>
          </>
        )}
        {column.blockers.map((blocker) => (
          <Menu.Item
            key={blocker.id}
            leftSection={
              <span aria-hidden className={classes.blockedIcon}>
                ⚠
              </span>
            }
            fw={state.tone === 'blocked' && state.blockerReason === blocker.id ? 700 : undefined}
            onClick={() => onChoose(person, column, state, { tone: 'blocked', reason: blocker.id })}
          >
            {blocker.id === 'other' ? `${localized(blocker.label)}…` : localized(blocker.label)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
});
