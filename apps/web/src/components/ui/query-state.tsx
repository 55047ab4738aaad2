'use client';

import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';
import { errorMessageKey } from '../../api/error-message';

/** Shown while a page's data loads. */
export function LoadingState() {
  const t = useTranslations('common');
  return (
    <Center py="xl" role="status">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{t('loading')}</Text>
      </Group>
    </Center>
  );
}

/** Shown when a page's data did not load; `onRetry` asks again. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useTranslations('common');
  const tErrors = useTranslations('errors');
  return (
    <Alert color="red" title={tErrors('loadFailed')} role="alert">
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{tErrors(errorMessageKey(error))}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}
