'use client';

import type { ChatSummary, Messenger, ProgressItem, StepId } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { changeErrorKey, type RosterColumn } from './roster-model';

/** The name of a step or a counter item; the messenger step is named after the school's app. */
export function useItemLabel(messenger: Messenger) {
  const t = useTranslations('roster.items');
  return useCallback(
    (item: ProgressItem | StepId): string => (item === 'messenger' ? t(`messenger_${messenger}`) : t(item)),
    [t, messenger],
  );
}

export function useChatLabel() {
  const t = useTranslations('roster.items');
  return useCallback(
    (chat: ChatSummary): string => {
      switch (chat.kind) {
        case 'class':
          return t('chat_class');
        case 'school':
          return t('chat_school');
        case 'subject':
          return chat.name ?? t('chat_subject');
      }
    },
    [t],
  );
}

/** The header of a grid column. */
export function useColumnLabel(messenger: Messenger) {
  const itemLabel = useItemLabel(messenger);
  const chatLabel = useChatLabel();
  return useCallback(
    (column: RosterColumn): string => (column.kind === 'step' ? itemLabel(column.id) : chatLabel(column.chat)),
    [itemLabel, chatLabel],
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
