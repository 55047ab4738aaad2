'use client';

import { Button, Menu } from '@mantine/core';
import type { ChatSummary, OnboardingPath } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { useChatLabel } from '../class-page/labels';
import { useCurrentUser } from '../shell/current-user';
import { MemberListModal } from './member-list-modal';
import { memberListChats } from './member-list-model';

/**
 * «Сверить со списком участников» on the class page: one item per chat the
 * caller may compare; the chosen chat's dialog refreshes the class when done.
 */
export function MemberListMenu({ chats, path }: { chats: readonly ChatSummary[]; path: OnboardingPath }) {
  const t = useTranslations('memberList');
  const user = useCurrentUser();
  const chatLabel = useChatLabel(path);
  const available = useMemo(() => memberListChats(chats, user.role), [chats, user.role]);
  // The last chat stays while the dialog fades out.
  const [{ chat, opened }, setDialog] = useState<{ chat: ChatSummary | null; opened: boolean }>({
    chat: null,
    opened: false,
  });
  if (available.length === 0) return null;

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid="member-list-menu">
            {t('open')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('menuLabel')}</Menu.Label>
          {available.map((item) => (
            <Menu.Item key={item.id} onClick={() => setDialog({ chat: item, opened: true })}>
              {chatLabel(item)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <MemberListModal
        opened={opened}
        chat={chat}
        chatLabel={chat ? chatLabel(chat) : ''}
        pathId={path.id}
        onClose={() => setDialog((current) => ({ ...current, opened: false }))}
      />
    </>
  );
}
