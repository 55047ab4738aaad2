'use client';

import type { CurrentUser } from '@sferum/contracts';
import { createContext, useContext, type ReactNode } from 'react';

const CurrentUserContext = createContext<CurrentUser | null>(null);

/** The signed-in staff member, as the server checked it for this page. */
export function CurrentUserProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

export function useCurrentUser(): CurrentUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() is used outside the dashboard layout');
  return user;
}
