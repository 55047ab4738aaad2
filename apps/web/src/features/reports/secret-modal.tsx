'use client';

import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { CreatedApiKey } from '@sferum/contracts';
import { useTranslations } from 'next-intl';
import { CopyValueButton } from '../../components/ui/copy-value-button';

/** The one time a key's secret is shown: the API keeps only its hash. */
export function SecretModal({
  opened,
  created,
  onClose,
}: {
  opened: boolean;
  created: CreatedApiKey | null;
  onClose: () => void;
}) {
  const t = useTranslations('apiKeys');
  return (
    <Modal opened={opened} onClose={onClose} title={t('secretTitle')} centered size="lg" closeOnClickOutside={false}>
      {created && (
        <Stack gap="md">
          <Group gap="sm" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('secretLabel', { name: created.apiKey.name })}
              value={created.secret}
              readOnly
              onFocus={(event) => event.currentTarget.select()}
              style={{ flex: 1, minWidth: 0 }}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              data-testid="api-key-secret"
            />
            <CopyValueButton value={created.secret} label={t('copy')} copiedLabel={t('copied')} />
          </Group>
          <Alert color="yellow" title={t('secretWarningTitle')}>
            {t('secretWarning')}
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
