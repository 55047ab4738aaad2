'use client';

import { findStep, type ChangeCounts, type ClassChange, type OnboardingPath } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback } from 'react';
import { pathOrNull, useChatLabel, useLocalized, useReasonLabel } from '../class-page/labels';

/** "2 декабря в 18:40": when a visit or a change was. */
export function useWhen() {
  const locale = useLocale();
  return useCallback(
    (iso: string) =>
      new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(
        new Date(iso),
      ),
    [locale],
  );
}

/** The counts as short phrases, each kind only where there is news of it. */
export function useCountPhrases() {
  const t = useTranslations('changes');
  return useCallback(
    (counts: ChangeCounts, pathId: string): string[] => [
      ...(counts.marked > 0 ? [t('marked', { count: counts.marked })] : []),
      ...(counts.blocked > 0 ? [t('blocked', { count: counts.blocked })] : []),
      ...(counts.optedOut > 0 ? [t('optedOut', { count: counts.optedOut, path: pathId })] : []),
    ],
    [t],
  );
}

/** One change in words: who, and what they marked, what blocks them, or how they hear from the school instead. */
export function useChangeWords(path: OnboardingPath) {
  const t = useTranslations('changes');
  const tChannels = useTranslations('roster.optOut.channels');
  const localized = useLocalized();
  const chatLabel = useChatLabel(path);
  const reasonLabel = useReasonLabel();
  return useCallback(
    (change: ClassChange): { who: string; what: string } => {
      const changePath = pathOrNull(change.pathId) ?? path;
      const who =
        change.personKind === 'parent' && change.studentNames.length > 0
          ? t('parentOf', { name: change.personName, students: change.studentNames.join(', ') })
          : change.personName;
      const itemLabel = (item: ClassChange['items'][number]): string => {
        if (item.chat) return chatLabel({ ...item.chat, id: '', classId: null, inviteUrl: null });
        const step = item.step === null ? undefined : findStep(changePath, item.step);
        return `«${step ? localized(step.title) : (item.step ?? '')}»`;
      };
      switch (change.kind) {
        case 'marked':
          return { who, what: t('markedLine', { items: change.items.map(itemLabel).join(', ') }) };
        case 'blocked':
          return {
            who,
            what: change.items
              .map((item) =>
                t('blockedLine', {
                  item: itemLabel(item),
                  reason: reasonLabel(changePath, item.blockerReason ?? 'other'),
                }),
              )
              .join('; '),
          };
        case 'opted_out':
          return {
            who,
            what: t('optedOutLine', { path: changePath.id, channel: tChannels(change.channel ?? 'other') }),
          };
      }
    },
    [t, tChannels, localized, chatLabel, reasonLabel, path],
  );
}
