import { type AppLocale, isAppLocale, routing } from '../../i18n/routing';
import { getPathname } from '../../i18n/navigation';
import { parentPageContentSecurityPolicy } from '../../server/security-headers';
import { OPT_OUT_CHANNELS, SHORT_CODE_PAGE_PATH } from '@sferum/contracts';
import {
  fetchParentFamily,
  saveOptOut,
  saveParentChange,
  type ParentCaller,
  type ParentFailure,
  type ParentSaveAnswer,
} from './parent-api';
import { parseParentForm, parseRetry, retryOf, retryValue } from './parent-form';
import {
  anchorOf,
  NOTICE_KINDS,
  optOutAnchor,
  personAnchor,
  renderFamilyPage,
  renderMessagePage,
  TOP_ANCHOR,
  type NoticeKind,
  type ParentNotice,
} from './parent-page';
import { PARENT_CSS } from './parent-styles';

type Context = { params: Promise<{ locale: string; token: string }> };

/** Headers of every answer on the parent route: the token in its URL must not travel on. */
export const PARENT_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  // No script runs here at all, the one stylesheet is allowed by its hash, forms post only back to this page.
  'content-security-policy': parentPageContentSecurityPolicy(PARENT_CSS),
} as const;

export function htmlResponse(body: string, status: number): Response {
  return new Response(body, { status, headers: PARENT_HEADERS });
}

async function callerOf(request: Request, context: Context): Promise<{ locale: AppLocale; caller: ParentCaller }> {
  const { locale, token } = await context.params;
  return {
    locale: isAppLocale(locale) ? locale : routing.defaultLocale,
    caller: { token, forwardedFor: request.headers.get('x-forwarded-for') },
  };
}

/** The page where a code from the letter is typed, in the page's language. */
export function codePagePath(locale: AppLocale): string {
  return getPathname({ href: SHORT_CODE_PAGE_PATH, locale });
}

/** An unknown, expired or revoked link or code: the friendly page, with the way to type the code again. */
export function notFoundResponse(locale: AppLocale): Response {
  return htmlResponse(renderMessagePage(locale, 'notFound', codePagePath(locale)), 404);
}

function failurePage(locale: AppLocale, answer: ParentFailure): Response {
  switch (answer.kind) {
    case 'notFound':
      return notFoundResponse(locale);
    case 'tooMany':
      return htmlResponse(renderMessagePage(locale, 'tooMany'), 429);
    case 'invalid':
    case 'conflict':
    case 'unavailable':
      return htmlResponse(renderMessagePage(locale, 'unavailable'), 503);
  }
}

/**
 * The notice named in the query after a post (`?saved=<anchor>` or
 * `?error=<kind>&at=<anchor>`, with `&channel=<channel>` when an opt-out came
 * back for its note, and `&retry=<choice>` when the school had changed the item).
 */
export function noticeFrom(search: URLSearchParams): ParentNotice | null {
  const saved = search.get('saved');
  if (saved) return { kind: 'saved', anchor: saved };
  const kind = NOTICE_KINDS.find((candidate) => candidate !== 'saved' && candidate === search.get('error'));
  const at = search.get('at');
  if (!kind || !at) return null;
  const channel = OPT_OUT_CHANNELS.find((candidate) => candidate === search.get('channel'));
  const retry = kind === 'changed' ? parseRetry(search.get('retry')) : null;
  return { kind, anchor: at, ...(channel ? { channel } : {}), ...(retry ? { retry } : {}) };
}

function errorQuery(kind: Exclude<NoticeKind, 'saved'>, anchor: string, extra = ''): string {
  return `error=${kind}&at=${encodeURIComponent(anchor)}${extra}`;
}

export async function handleParentGet(request: Request, context: Context): Promise<Response> {
  const { locale, caller } = await callerOf(request, context);
  const answer = await fetchParentFamily(caller);
  if (answer.kind !== 'family') return failurePage(locale, answer);
  return htmlResponse(renderFamilyPage(locale, answer.family, noticeFrom(new URL(request.url).searchParams)), 200);
}

/**
 * A form of the parent page was sent: save it and go back to the page (303,
 * so a reload does not post again), to the item it was about.
 */
export async function handleParentPost(request: Request, context: Context): Promise<Response> {
  const { locale, caller } = await callerOf(request, context);
  // Forms post only from this page itself; another site gets nothing done.
  if (request.headers.get('sec-fetch-site') === 'cross-site') return notFoundResponse(locale);
  const pagePath = getPathname({ href: `/p/${encodeURIComponent(caller.token)}`, locale });
  const back = (query: string, anchor: string) =>
    new Response(null, { status: 303, headers: { ...PARENT_HEADERS, location: `${pagePath}?${query}#${anchor}` } });

  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return fallback(locale, caller);
  }
  const parsed = parseParentForm(form);
  switch (parsed.kind) {
    case 'invalid':
      return fallback(locale, caller);
    case 'needsReason': {
      const anchor = anchorOf(parsed.personId, parsed.target);
      return back(errorQuery('reason', anchor), anchor);
    }
    case 'needsChannel': {
      const anchor = optOutAnchor(parsed.scope);
      return back(errorQuery('channel', anchor), anchor);
    }
    case 'needsNote': {
      const anchor = optOutAnchor(parsed.scope);
      return back(errorQuery('note', anchor, `&channel=${parsed.channel}`), anchor);
    }
    case 'optOut': {
      const { scope, request } = parsed.optOut;
      const anchor = optOutAnchor(scope);
      // Back in: land where the steps start again (for a person) or at the top (for everyone).
      const landing = request.optedOut ? anchor : 'personId' in scope ? personAnchor(scope.personId) : TOP_ANCHOR;
      return answered(await saveOptOut(caller, parsed.optOut), { anchor, landing, conflict: 'failed' });
    }
    case 'change': {
      const anchor = anchorOf(parsed.change.personId, parsed.change.target);
      // A conflict without a code: a later step is done. One with changed_by_school comes back with the choice, to offer it again.
      return answered(await saveParentChange(caller, parsed.change), {
        anchor,
        landing: anchor,
        conflict: 'order',
        retry: retryValue(retryOf(parsed.change.request)),
      });
    }
  }

  function answered(
    answer: ParentSaveAnswer,
    at: { anchor: string; landing: string; conflict: Exclude<NoticeKind, 'saved'>; retry?: string },
  ): Response {
    switch (answer.kind) {
      case 'saved':
        return back(`saved=${encodeURIComponent(at.landing)}`, at.landing);
      case 'conflict': {
        const kind =
          answer.code === 'changed_by_school' ? 'changed' : answer.code === 'opted_out' ? 'optedOut' : at.conflict;
        return back(errorQuery(kind, at.anchor, kind === 'changed' && at.retry ? `&retry=${at.retry}` : ''), at.anchor);
      }
      case 'invalid':
        return back(errorQuery('failed', at.anchor), at.anchor);
      case 'notFound':
      case 'tooMany':
      case 'unavailable':
        return failurePage(locale, answer);
    }
  }
}

/** A form we cannot read: show the page again as it is. */
async function fallback(locale: AppLocale, caller: ParentCaller): Promise<Response> {
  const answer = await fetchParentFamily(caller);
  if (answer.kind !== 'family') return failurePage(locale, answer);
  return htmlResponse(renderFamilyPage(locale, answer.family, null), 400);
}
