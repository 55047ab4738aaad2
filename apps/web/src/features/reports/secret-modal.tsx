'use client';

import { Alert, Button, CopyButton, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { CreatedApiKey } from '@sferum/contracts';
import { useTranslations } from 'next-intl';

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
            <CopyButton value={created.secret} timeout={2500}>
              {({ copied, copy }) => (
                <Button color={copied ? 'teal' : 'blue'} onClick={copy} miw={140}>
                  {copied ? t('copied') : t('copy')}
                </Button>
              )}
            </CopyButton>
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
