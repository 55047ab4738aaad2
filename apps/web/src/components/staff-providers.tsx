'use client';

import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { QueryProvider } from '../api/query-provider';
import { staffCssVariablesResolver, staffTheme } from './staff-theme';

/** Mantine, React Query and notifications for the staff pages. */
export function StaffProviders({ children }: { children: ReactNode }) {
  return (
    <MantineProvider forceColorScheme="light" theme={staffTheme} cssVariablesResolver={staffCssVariablesResolver}>
      <QueryProvider>
        <Notifications position="top-right" />
        {children}
      </QueryProvider>
    </MantineProvider>
  );
}
