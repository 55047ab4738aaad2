import { SESSION_COOKIE } from '@sferum/contracts';
import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { sendQueriesVia, type ApiFetch } from '../api/api-client';
import { apiUrl } from './api-url';

/** A slow API delays the first paint by at most this; the browser then asks again itself. */
const PREFETCH_TIMEOUT_MS = 5000;

/** The API as this request's visitor sees it: their session cookie goes along, as the /api proxy sends it. */
async function asVisitor(): Promise<ApiFetch> {
  const session = (await cookies()).get(SESSION_COOKIE);
  return (path, init) => {
    const headers = new Headers(init.headers);
    if (session?.value) headers.set('cookie', `${SESSION_COOKIE}=${session.value}`);
    return fetch(apiUrl(path), { ...init, headers, signal: AbortSignal.timeout(PREFETCH_TIMEOUT_MS) });
  };
}

/**
 * Renders a dashboard page with its first data already in the cache (TanStack
 * Query's server rendering: prefetch here, dehydrate, hydrate in the browser),
 * so that the server's HTML shows content, not a loader, and the browser does
 * not ask for it again while it is fresh. `load` starts the page's queries on
 * the client it is given; a query that fails is left out, and the browser
 * runs it itself (and shows its error) as before.
 */
export async function Prefetch({
  load,
  children,
}: {
  load: (client: QueryClient) => ReadonlyArray<Promise<void>>;
  children: ReactNode;
}) {
  // One client per request: nothing of one visitor's data can reach another's page.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  sendQueriesVia(client, await asVisitor());
  await Promise.all(load(client));
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
