'use client';

import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslations } from 'next-intl';

// A staff page that could not render, most often because the API did not answer
// the session check. Above the dashboard layout, so it also catches the layout's own
// failure; `retry` asks the server again.
export default function StaffError({ retry }: { error: Error; retry: () => void }) {
  const t = useTranslations('errors');
  const tCommon = useTranslations('common');
  return (
    <main id="main" style={{ maxWidth: '40rem', margin: '3rem auto', padding: '0 1.25rem' }}>
      <Alert color="red" title={t('pageFailed')} role="alert">
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('network')}</Text>
          <Button size="xs" variant="light" color="red" onClick={retry}>
            {tCommon('retry')}
          </Button>
        </Stack>
      </Alert>
    </main>
  );
}
