'use client';

import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { SetupLink, StaffMember } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { CopyValueButton } from '../../components/ui/copy-value-button';

export interface IssuedLink {
  member: Pick<StaffMember, 'fullName' | 'email'>;
  link: SetupLink;
}

/**
 * The one time a setup link is shown: the API keeps only its hash. A full URL
 * on this origin, a copy button and the date it stops working.
 */
export function SetupLinkModal({
  opened,
  issued,
  onClose,
}: {
  opened: boolean;
  issued: IssuedLink | null;
  onClose: () => void;
}) {
  const t = useTranslations('setupLink');
  const locale = useLocale();
  const url = useMemo(() => (issued ? new URL(issued.link.path, window.location.origin).href : ''), [issued]);
  // The admin's own clock and time zone: the link is handed over from this screen.
  const expires = issued
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(issued.link.expiresAt))
    : '';

  return (
    <Modal opened={opened} onClose={onClose} title={t('title')} centered size="lg" closeOnClickOutside={false}>
      {issued && (
        <Stack gap="md">
          <div>
            <Text fw={600}>{t('member', { name: issued.member.fullName, email: issued.member.email })}</Text>
            <Text>{t('handOver')}</Text>
          </div>
          <Group gap="sm" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('label')}
              value={url}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
              style={{ flex: 1, minWidth: 0 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <CopyValueButton value={url} label={t('copy')} copiedLabel={t('copied')} />
          </Group>
          <Alert color="yellow" title={t('onceTitle')}>
            {t('onceText', { date: expires })}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              {t('done')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
