import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';

// Only staff pages pay for Mantine (its CSS and client JS): the home page and
// the parent page stay light and do not load it.
export default function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <MantineProvider forceColorScheme="light" theme={{ fontFamily: 'var(--font)', primaryColor: 'blue' }}>
      {children}
    </MantineProvider>
  );
}
