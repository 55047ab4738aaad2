'use client';

import {
  audienceIncludes,
  findBlocker,
  findStep,
  PATH_CATALOGUE,
  type ChatSummary,
  type Localized,
  type OnboardingPath,
  type OptOut,
  type PersonKind,
  type ProgressItem,
} from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { changeErrorKey, type RosterColumn } from './roster-model';

/** A text of the catalogue in the page's language. */
export function useLocalized() {
  const locale = useLocale();
  return useCallback((text: Localized): string => text[locale], [locale]);
}

/** The path an event or a person was on; null for one the catalogue no longer has. */
export function pathOrNull(pathId: string): OnboardingPath | null {
  return PATH_CATALOGUE.has(pathId) ? PATH_CATALOGUE.get(pathId) : null;
}

/** The class chat a kind of person belongs in on this path: on MAX the one with parents or the one with students. */
export function classChatFor(path: OnboardingPath, kind: PersonKind) {
  return path.chats.classChats.find((chat) => audienceIncludes(chat.audience, kind)) ?? path.chats.classChats[0];
}

/** The name of a chat: a class chat by its audience («Чат класса с родителями»), a subject chat by its subject. */
export function useChatLabel(path: OnboardingPath) {
  const localized = useLocalized();
  return useCallback(
    (chat: ChatSummary): string => {
      switch (chat.kind) {
        case 'class':
          return localized(
            (
              path.chats.classChats.find((candidate) => candidate.audience === chat.audience) ??
              path.chats.classChats[0]
            ).title,
          );
        case 'school':
          return localized(path.chats.school.title);
        case 'subject':
          return chat.name ?? localized(path.chats.subject.title);
      }
    },
    [localized, path],
  );
}

/** The header of a grid column; the class chats' column is «Чат класса» when it holds more than one chat. */
export function useColumnLabel(path: OnboardingPath) {
  const t = useTranslations('roster.items');
  const localized = useLocalized();
  const chatLabel = useChatLabel(path);
  return useCallback(
    (column: RosterColumn): string => {
      if (column.kind === 'step') return localized(column.step.title);
      const [only] = column.chats;
      return column.chats.length === 1 && only ? chatLabel(only) : t('chat_class');
    },
    [t, localized, chatLabel],
  );
}

/** The name of a counter item for one kind of person: a step's title, or the chats of that kind of person. */
export function useItemLabel(path: OnboardingPath) {
  const t = useTranslations('roster.items');
  const localized = useLocalized();
  return useCallback(
    (item: ProgressItem, kind: PersonKind): string => {
      const step = findStep(path, item);
      if (step) return localized(step.title);
      switch (item) {
        case 'chat_class':
          return localized(classChatFor(path, kind).title);
        case 'chat_subject':
          return t('chat_subject');
        case 'chat_school':
          return localized(path.chats.school.title);
        default:
          return item;
      }
    },
    [t, localized, path],
  );
}

/** A reason's label on its path; a reason the path does not know shows as its id rather than nothing. */
export function useReasonLabel() {
  const localized = useLocalized();
  return useCallback(
    (path: OnboardingPath | null, reason: string): string => {
      const blocker = path ? findBlocker(path, reason) : undefined;
      return blocker ? localized(blocker.label) : reason;
    },
    [localized],
  );
}

/** What the teacher can do about a reason, if the path says. */
export function useTeacherAdvice() {
  const localized = useLocalized();
  return useCallback(
    (path: OnboardingPath, reason: string | null): string | null => {
      const blocker = reason ? findBlocker(path, reason) : undefined;
      return blocker ? localized(blocker.teacherAdvice) : null;
    },
    [localized],
  );
}

/** The Russian words for a status of a step, a chat or an opt-out. */
export function useStatusWord() {
  const t = useTranslations('roster.status');
  return useCallback(
    (status: string): string => {
      switch (status) {
        case 'done':
        case 'joined':
        case 'blocked':
        case 'not_started':
        case 'not_joined':
        case 'opted_out':
        case 'participating':
          return t(status);
        default:
          return status;
      }
    },
    [t],
  );
}

/** «Не пользуется MAX — электронный дневник»: an opt-out in one line, the note standing for «другое». */
export function useOptOutWords(pathId: string) {
  const t = useTranslations('roster.optOut');
  return useCallback(
    (optOut: Pick<OptOut, 'channel' | 'note'>) => {
      const notUsing = t('notUsing', { path: pathId });
      const channel = optOut.channel === 'other' && optOut.note ? optOut.note : t(`channels.${optOut.channel}`);
      return { notUsing, channel, line: t('line', { notUsing, channel }) };
    },
    [t, pathId],
  );
}

/** The Russian words for a refused change (see changeErrorKey). */
export function useChangeErrorMessage() {
  const t = useTranslations('classPage.errors');
  const tErrors = useTranslations('errors');
  return useCallback(
    (error: unknown): string => {
      const found = changeErrorKey(error);
      return found.scope === 'classPage' ? t(found.key) : tErrors(found.key);
    },
    [t, tErrors],
  );
}
