'use client';

import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { QueryProvider } from '../api/query-provider';

const theme = createTheme({ fontFamily: 'var(--font)', primaryColor: 'blue' });

// Mantine's default grey for secondary text is too light for small print (WCAG AA);
// use the site's muted text colour instead.
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--text-muted)' },
  dark: {},
});

/** Mantine, React Query and notifications for the staff pages. */
export function StaffProviders({ children }: { children: ReactNode }) {
  return (
    <MantineProvider forceColorScheme="light" theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryProvider>
        <Notifications position="top-right" />
        {children}
      </QueryProvider>
    </MantineProvider>
  );
}
