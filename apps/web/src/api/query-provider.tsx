'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useLocale } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { loginHref } from '../auth/safe-next';
import { getPathname } from '../i18n/navigation';
import type { AppLocale } from '../i18n/routing';
import { isApiError } from './api-error';

const MAX_RETRIES = 2;

/** A lost session anywhere (expired, ended elsewhere) sends the user to sign in, and back here afterwards. */
function signInAgain(locale: AppLocale): void {
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(getPathname({ href: loginHref(here), locale }));
}

function shouldRetry(failureCount: number, error: unknown): boolean {
  // An answer from the API will not change on a retry; a dropped connection might.
  if (isApiError(error) && error.status !== 0 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

function makeQueryClient(locale: AppLocale): QueryClient {
  let leaving = false;
  const onError = (error: unknown, expectsUnauthorized = false): void => {
    if (leaving || expectsUnauthorized || !isApiError(error, 401)) return;
    leaving = true;
    signInAgain(locale);
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error) => onError(error) }),
    mutationCache: new MutationCache({
      // Sign-in answers 401 for a wrong password: that is a form error, not a lost session.
      onError: (error, _variables, _context, mutation) => onError(error, mutation.meta?.expectsUnauthorized === true),
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
    },
  });
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const [client] = useState(() => makeQueryClient(locale));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
