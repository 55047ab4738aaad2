'use client';

import { Button, EmptyState, Group, Select, Stack, Switch, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { DEFAULT_PATH_ID, findStep, PATH_CATALOGUE, type RosterPerson, type SetStatusRequest } from '@sferum/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { NameModal } from '../../components/ui/name-modal';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { useDialog } from '../../components/ui/use-dialog';
import { Link } from '../../i18n/client-navigation';
import { ChangesSummary } from '../changes/changes-summary';
import { MemberListMenu } from '../member-list/member-list-menu';
import { AddStudentModal } from './add-student-modal';
import { BulkBar } from './bulk-bar';
import { useChangeErrorMessage, useChatLabel, useColumnLabel, useLocalized, useStatusWord } from './labels';
import { OtherReasonModal } from './other-reason-modal';
import { PersonDrawer } from './person-drawer';
import { exportHref, rosterApi, rosterKeys, rosterQuery } from './roster-api';
import { useApplyChange } from './roster-cache';
import { RosterCounters } from './roster-counters';
import {
  cascadedSteps,
  classChatIds,
  DENSITY_STORAGE_KEY,
  familyPeople,
  filterFamilies,
  filterStep,
  gridColumns,
  needsRefetch,
  parseDensity,
  readView,
  rosterColumns,
  rosterFilters,
  writeView,
  type CellState,
  type RosterColumn,
  type RosterDensity,
  type RosterFilter,
} from './roster-model';
import { RosterTable } from './roster-table';
import type { CellChoice } from './status-cell';

type Dialog =
  | { kind: 'addStudent' }
  | { kind: 'addChat' }
  | { kind: 'otherReason'; person: RosterPerson; target: CellTarget; subject: string };

/** What a cell changes: a step, or the one chat of the column this person is in. */
type CellTarget = { step: string } | { chatId: string };

interface CellChange {
  person: RosterPerson;
  target: CellTarget;
  body: SetStatusRequest;
}

function cellTarget(column: RosterColumn, state: CellState): CellTarget | null {
  if (column.kind === 'step') return { step: column.id };
  return state.chat ? { chatId: state.chat.id } : null;
}

function toRequest(person: RosterPerson, target: CellTarget, choice: CellChoice, note?: string): SetStatusRequest {
  const isChat = 'chatId' in target;
  switch (choice.tone) {
    case 'done':
      return { version: person.version, status: isChat ? 'joined' : 'done' };
    case 'open':
      return { version: person.version, status: isChat ? 'not_joined' : 'not_started' };
    case 'blocked':
      return {
        version: person.version,
        status: 'blocked',
        blockerReason: choice.reason,
        ...(note ? { blockerNote: note } : {}),
      };
  }
}

/** The teacher's class: counters, filters, the grid of steps and chats, and everything to change them. */
export function RosterPage({ classId }: { classId: string }) {
  const t = useTranslations('roster');
  const tFilters = useTranslations('roster.filters');
  const tTable = useTranslations('roster.table');
  const tPage = useTranslations('classPage');
  const errorMessage = useChangeErrorMessage();
  const queryClient = useQueryClient();
  const applyChange = useApplyChange();
  const [includeArchived, setIncludeArchived] = useState(false);
  // Showing the archive keeps the grid on screen while the longer list loads.
  const query = useQuery({ ...rosterQuery(classId, includeArchived), placeholderData: keepPreviousData });
  const searchParams = useSearchParams();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [drawer, setDrawer] = useState<{ personId: string | null; opened: boolean }>({ personId: null, opened: false });
  const dialog = useDialog<Dialog>();
  const roster = query.data;

  const refresh = useCallback(() => queryClient.invalidateQueries({ queryKey: [...rosterKeys.all] }), [queryClient]);

  // The parser has checked the id against the catalogue.
  const path = PATH_CATALOGUE.get(roster?.pathId ?? DEFAULT_PATH_ID);
  const localized = useLocalized();
  const columns = useMemo(() => (roster ? rosterColumns(path, roster.chats) : []), [roster, path]);
  const shownColumns = useMemo(() => gridColumns(columns), [columns]);
  const columnLabel = useColumnLabel(path);
  const chatLabel = useChatLabel(path);
  const statusWord = useStatusWord();
  const columnLabels = useMemo(
    () => shownColumns.map((grid) => (grid.kind === 'folded' ? tTable('subjectChats') : columnLabel(grid.column))),
    [shownColumns, columnLabel, tTable],
  );
  const filters = useMemo(() => rosterFilters(path), [path]);
  // The filter and the search live in the address: a reload keeps them, the back button goes back.
  // A filter of a step the school's path no longer has (the school switched paths) reads as everyone.
  const view = useMemo(() => readView(new URLSearchParams(searchParams.toString()), filters), [searchParams, filters]);
  const activeFilter = view.filter;
  const [search, setSearchState] = useState(view.search);
  // Back and forward bring another search with them.
  useEffect(() => setSearchState(view.search), [view.search]);
  const setView = (next: { filter?: RosterFilter; search?: string }, how: 'push' | 'replace') => {
    const query = writeView(new URLSearchParams(window.location.search), {
      filter: next.filter ?? activeFilter,
      search: next.search ?? search,
    });
    const url = `${window.location.pathname}${query}${window.location.hash}`;
    // The History API: Next.js keeps useSearchParams in step without asking the server for the page again.
    if (how === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  };
  const setFilter = (filter: RosterFilter) => setView({ filter }, 'push');
  const setSearch = (value: string) => {
    setSearchState(value);
    setView({ search: value }, 'replace');
  };
  const [density, setDensityState] = useState<RosterDensity>('compact');
  useEffect(() => setDensityState(parseDensity(window.localStorage.getItem(DENSITY_STORAGE_KEY))), []);
  const setDensity = (next: RosterDensity) => {
    setDensityState(next);
    window.localStorage.setItem(DENSITY_STORAGE_KEY, next);
  };
  const [announcement, setAnnouncement] = useState('');
  const filterLabel = (value: RosterFilter): string => {
    const step = filterStep(value);
    if (step !== null) {
      const found = findStep(path, step);
      return tFilters('missing_step', { step: found ? localized(found.title) : step });
    }
    switch (value) {
      case 'all':
      case 'unfinished':
      case 'blocked':
      case 'opted_out':
      case 'missing_chat_class':
        return tFilters(value);
      default:
        return value;
    }
  };
  const classChats = useMemo(() => classChatIds(roster?.chats ?? []), [roster]);
  const visibleFamilies = useMemo(
    () => (roster ? filterFamilies(roster.families, activeFilter, search, path, classChats) : []),
    [roster, activeFilter, search, path, classChats],
  );
  const totalStudents = useMemo(
    () => roster?.families.reduce((sum, family) => sum + family.students.length, 0) ?? 0,
    [roster],
  );
  const shownStudents = visibleFamilies.reduce((sum, family) => sum + family.students.length, 0);
  const selectedPeople = useMemo(
    () =>
      roster
        ? roster.families.flatMap(familyPeople).filter((person) => selected.has(person.id) && !person.archived)
        : [],
    [roster, selected],
  );

  const change = useMutation({
    mutationFn: ({ person, target, body }: CellChange) =>
      'step' in target
        ? rosterApi.setStep(person.id, target.step, body)
        : rosterApi.setChat(person.id, target.chatId, body),
    // The answer has the person and the counters: the roster is not fetched again.
    onSuccess: (answer, { person, target }) => {
      applyChange(answer);
      // Said aloud: what changed, and the earlier steps the path marked with it.
      const chat = 'chatId' in target ? roster?.chats.find((candidate) => candidate.id === target.chatId) : undefined;
      const item = 'step' in target ? findStep(path, target.step) : undefined;
      const itemName = item ? localized(item.title) : chat ? chatLabel(chat) : '';
      const status =
        ('step' in target
          ? answer.person.steps.find((state) => state.step === target.step)?.status
          : answer.person.chats.find((state) => state.chatId === target.chatId)?.status) ?? '';
      const cascaded = cascadedSteps(person, answer.person, target).map((step) => {
        const found = findStep(path, step);
        return found ? localized(found.title) : step;
      });
      setAnnouncement(
        [
          t('announce.changed', { name: person.displayName, item: itemName, status: statusWord(status) }),
          cascaded.length > 0 ? t('announce.cascade', { items: cascaded.join(', ') }) : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: t('changeFailed'), message: errorMessage(error) });
      if (needsRefetch(error)) void refresh();
    },
  });
  const mutate = change.mutate;

  const onChoose = useCallback(
    (person: RosterPerson, column: RosterColumn, state: CellState, choice: CellChoice) => {
      const target = cellTarget(column, state);
      if (!target) return;
      if (choice.tone === 'blocked' && choice.reason === 'other') {
        const item = state.chat ? chatLabel(state.chat) : columnLabel(column);
        dialog.open({ kind: 'otherReason', person, target, subject: `${person.displayName}, ${item}` });
        return;
      }
      mutate({ person, target, body: toRequest(person, target, choice) });
    },
    // dialog.open only sets state, so an older copy does the same: the rows stay memoised.
    [mutate, columnLabel, chatLabel],
  );

  const onToggle = useCallback((personId: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(personId)) next.delete(personId);
      else next.add(personId);
      return next;
    });
  }, []);

  const onToggleAll = useCallback(
    (select: boolean) => {
      const ids = visibleFamilies
        .flatMap(familyPeople)
        .filter((person) => !person.archived)
        .map((person) => person.id);
      setSelected((current) => {
        const next = new Set(current);
        for (const id of ids) {
          if (select) next.add(id);
          else next.delete(id);
        }
        return next;
      });
    },
    [visibleFamilies],
  );

  const onOpen = useCallback((personId: string) => setDrawer({ personId, opened: true }), []);

  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const data = query.data;
  const isEmpty = data.families.length === 0 && !includeArchived;

  const modals = (
    <>
      <AddStudentModal
        opened={dialog.isOpen('addStudent')}
        classId={classId}
        onClose={dialog.close}
        onSaved={(family) => {
          dialog.close();
          notifications.show({
            color: 'green',
            message: t('addStudentForm.added', { name: family.students[0]?.displayName ?? '' }),
          });
          void refresh();
        }}
      />
      <NameModal
        opened={dialog.isOpen('addChat')}
        title={t('addChatTitle')}
        label={t('addChatLabel')}
        submitLabel={t('addChatSubmit')}
        conflictMessage={t('addChatConflict')}
        save={(name) => rosterApi.addChat(classId, name)}
        onSaved={(name) => {
          dialog.close();
          notifications.show({ color: 'green', message: t('chatAdded', { name }) });
          void refresh();
        }}
        onClose={dialog.close}
      />
    </>
  );

  if (isEmpty) {
    return (
      <>
        <EmptyState title={t('emptyTitle')} description={t('emptyText')} py="xl" data-testid="roster-empty">
          <EmptyState.Actions>
            <Button component={Link} href={`/classes/${classId}/import`}>
              {t('emptyImport')}
            </Button>
            <Button variant="default" onClick={() => dialog.open({ kind: 'addStudent' })}>
              {t('emptyAdd')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
        {modals}
      </>
    );
  }

  const current = dialog.current;

  return (
    <Stack gap="md">
      <ChangesSummary classId={classId} path={path} />
      <RosterCounters
        path={path}
        counters={data.counters}
        hasSubjectChats={data.chats.some((chat) => chat.kind === 'subject')}
      />

      <Group justify="space-between" align="flex-end" gap="sm">
        <Group gap="sm" align="flex-end">
          <Select
            label={tFilters('label')}
            data={filters.map((value) => ({ value, label: filterLabel(value) }))}
            value={activeFilter}
            onChange={(value) => setFilter(filters.find((candidate) => candidate === value) ?? 'all')}
            allowDeselect={false}
            w={{ base: '100%', xs: 280 }}
            data-testid="roster-filter"
          />
          <TextInput
            label={tFilters('search')}
            placeholder={tFilters('searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
            w={{ base: '100%', xs: 220 }}
          />
        </Group>
        <Group gap="sm">
          <Button component="a" href={exportHref(classId, 'xlsx')} download variant="default" size="sm">
            {tPage('downloadXlsx')}
          </Button>
          <Button component="a" href={exportHref(classId, 'csv')} download variant="default" size="sm">
            {tPage('downloadCsv')}
          </Button>
          <MemberListMenu chats={data.chats} path={path} />
          <Button variant="default" onClick={() => dialog.open({ kind: 'addChat' })}>
            {t('addChat')}
          </Button>
          <Button onClick={() => dialog.open({ kind: 'addStudent' })}>{t('addStudent')}</Button>
        </Group>
      </Group>
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed" aria-live="polite" data-testid="roster-count">
          {tFilters('matching', { shown: shownStudents, total: totalStudents })}
        </Text>
        <Group gap="lg">
          <Switch
            label={t('density')}
            checked={density === 'compact'}
            onChange={(event) => setDensity(event.currentTarget.checked ? 'compact' : 'comfortable')}
            size="sm"
            data-testid="roster-density"
          />
          <Switch
            label={t('showArchived')}
            checked={includeArchived}
            onChange={(event) => setIncludeArchived(event.currentTarget.checked)}
            size="sm"
          />
        </Group>
      </Group>
      <VisuallyHidden aria-live="polite" data-testid="roster-announcer">
        {announcement}
      </VisuallyHidden>

      {visibleFamilies.length === 0 ? (
        <EmptyState
          title={
            activeFilter === 'opted_out' && search.trim() === '' ? tFilters('nothingOptedOut') : tFilters('nothing')
          }
          size="sm"
          py="lg"
        >
          <EmptyState.Actions>
            <Button
              variant="default"
              onClick={() => {
                setSearchState('');
                setView({ filter: 'all', search: '' }, 'push');
              }}
            >
              {tFilters('reset')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <RosterTable
          path={path}
          caption={tTable('caption', { name: data.schoolClass.name })}
          frameLabel={tTable('frame', { name: data.schoolClass.name })}
          families={visibleFamilies}
          columns={shownColumns}
          columnLabels={columnLabels}
          density={density}
          selected={selected}
          onToggle={onToggle}
          onToggleAll={onToggleAll}
          onOpen={onOpen}
          onChoose={onChoose}
        />
      )}

      {selectedPeople.length > 0 && (
        <BulkBar
          path={path}
          classId={classId}
          people={selectedPeople}
          columns={columns}
          onDone={(result) => {
            setSelected(new Set());
            applyChange(result);
          }}
          onClear={() => setSelected(new Set())}
          onStale={() => void refresh()}
        />
      )}

      <PersonDrawer
        roster={data}
        personId={drawer.personId}
        opened={drawer.opened}
        onClose={() => setDrawer((state) => ({ ...state, opened: false }))}
        onChanged={() => void refresh()}
      />
      <OtherReasonModal
        opened={dialog.isOpen('otherReason')}
        subject={current?.kind === 'otherReason' ? current.subject : ''}
        onClose={dialog.close}
        onSave={(note) => {
          if (current?.kind !== 'otherReason') return;
          dialog.close();
          mutate({
            person: current.person,
            target: current.target,
            body: toRequest(current.person, current.target, { tone: 'blocked', reason: 'other' }, note),
          });
        }}
      />
      {modals}
    </Stack>
  );
}
