import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '../../staff.css';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { StaffProviders } from '../../../components/staff-providers';

// Only staff pages pay for Mantine, React Query and the client-side messages:
// the home page and the parent page stay light and do not load them.
export default function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider>
      <StaffProviders>{children}</StaffProviders>
    </NextIntlClientProvider>
  );
}
