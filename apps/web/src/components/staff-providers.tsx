'use client';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useTranslations } from 'next-intl';
import { useMemo, type ReactNode } from 'react';
import { QueryProvider } from '../api/query-provider';
import { createStaffTheme, staffCssVariablesResolver } from './staff-theme';

/** Mantine, React Query and notifications for the staff pages. */
export function StaffProviders({ children }: { children: ReactNode }) {
  const t = useTranslations('common');
  const close = t('close');
  const clear = t('clear');
  const staffTheme = useMemo(() => createStaffTheme({ close, clear }), [close, clear]);
  return (
    <MantineProvider forceColorScheme="light" theme={staffTheme} cssVariablesResolver={staffCssVariablesResolver}>
      <QueryProvider>
        <Notifications position="top-right" />
        {children}
      </QueryProvider>
    </MantineProvider>
  );
}
