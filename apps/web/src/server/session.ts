import { cache } from 'react';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { API_ROUTES, SESSION_COOKIE, type CurrentUser } from '@sferum/contracts';
import { parseCurrentUser } from '../api/parse';
import { loginHref } from '../auth/safe-next';
import { landingPath, mayOpen, type StaffArea } from '../auth/staff-areas';
import { getPathname } from '../i18n/navigation';
import type { AppLocale } from '../i18n/routing';
import { apiUrl } from './api-url';

const SESSION_TIMEOUT_MS = 5000;

/**
 * The signed-in staff member, asked from the API with the session cookie of
 * this request, or null without a live session. Once per request: layout and
 * page share the answer. An API that cannot answer is an error, not a sign-out.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const session = (await cookies()).get(SESSION_COOKIE);
  if (!session?.value) return null;
  const response = await fetch(apiUrl(API_ROUTES.auth.me), {
    headers: { cookie: `${SESSION_COOKIE}=${session.value}`, accept: 'application/json' },
    cache: 'no-store',
    signal: AbortSignal.timeout(SESSION_TIMEOUT_MS),
  });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET ${API_ROUTES.auth.me} answered ${response.status}`);
  return parseCurrentUser(await response.json());
});

/**
 * The guard of every dashboard page: no session sends the visitor to sign in
 * (and back here afterwards), a page of another role's area to their own start page.
 */
export async function requireStaff(locale: AppLocale, path: string, area: StaffArea): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(getPathname({ href: loginHref(getPathname({ href: path, locale })), locale }));
  if (!mayOpen(user, area)) redirect(getPathname({ href: landingPath(user), locale }));
  return user;
}
