import type { ReactNode } from 'react';
import { StaffShell } from '../../../../features/shell/staff-shell';
import { getCurrentUser } from '../../../../server/session';

// Every page below guards itself (requireStaff): only the page knows its own
// address to come back to after sign-in. Without a session this layout adds
// no frame and the page redirects.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  if (!user) return children;
  return <StaffShell user={user}>{children}</StaffShell>;
}
