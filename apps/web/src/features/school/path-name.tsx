'use client';

import { Badge, Group, Text } from '@mantine/core';
import type { OnboardingPath } from '@sferum/contracts';
import { useLocale, useTranslations } from 'next-intl';
import { isAppLocale, routing, type AppLocale } from '../../i18n/routing';

export function useAppLocale(): AppLocale {
  const locale = useLocale();
  return isAppLocale(locale) ? locale : routing.defaultLocale;
}

/** The path's name with the «Прежний путь» badge of a legacy one. */
export function PathName({ path, locale }: { path: OnboardingPath; locale: AppLocale }) {
  const t = useTranslations('schoolPath');
  return (
    <Group gap="xs" wrap="wrap" component="span">
      <Text span fw={600}>
        {path.name[locale]}
      </Text>
      {path.legacy && (
        <Badge color="orange" variant="light">
          {t('legacy')}
        </Badge>
      )}
    </Group>
  );
}
