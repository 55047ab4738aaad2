import {
  API_ERROR_CODES,
  apiPath,
  PARENT_TOKEN_HEADER,
  ParentFamilySchema,
  PATH_CATALOGUE,
  PREFER_HEADER,
  RETURN_MINIMAL,
  ROUTES,
  stepIdsOf,
  type ApiErrorCode,
  type OnboardingPath,
  type OptOutRequest,
  type ParentFamily,
  type ParentStatusRequest,
  type ParentStep,
} from '@sferum/contracts';
import { knownPath, parserOf, ResponseShapeError } from '../../api/parse';
import { apiUrl } from '../../server/api-url';

const PARENT_API_TIMEOUT_MS = 5000;

/** Why the API shows or saves nothing for a link. */
export type ParentFailure =
  | { kind: 'notFound' }
  | { kind: 'tooMany' }
  | { kind: 'invalid' }
  /** `code` says what about, where the API names it: the school changed the item, or the person opted out */
  | { kind: 'conflict'; code: ApiErrorCode | null }
  | { kind: 'unavailable' };

/** What the API said about a link: the family, or why there is none to show. */
export type ParentAnswer = { kind: 'family'; family: ParentFamily } | ParentFailure;

/** What the API said about a parent's change: saved (the page is read again after the redirect), or why not. */
export type ParentSaveAnswer = { kind: 'saved' } | ParentFailure;

/** The family's path from the catalogue; an id the catalogue does not know makes the answer unusable. */
export function familyPath(family: Pick<ParentFamily, 'pathId'>): OnboardingPath {
  return PATH_CATALOGUE.get(family.pathId);
}

/** Every step and blocker reason the answer names must be one of the family's path: the page reads them from it. */
function itemsOfPath(family: ParentFamily): void {
  const path = familyPath(family);
  const steps = new Set(stepIdsOf(path));
  const reasons = new Set(path.blockers.map((blocker) => blocker.id));
  const knownReason = ({ blockerReason }: { blockerReason: string | null }) =>
    blockerReason === null || reasons.has(blockerReason);
  for (const person of family.people) {
    if (!person.steps.every(({ step }) => steps.has(step))) throw new ResponseShapeError('step');
    if (![...person.steps, ...person.chats].every(knownReason)) throw new ResponseShapeError('blockerReason');
  }
}

export const parseParentFamily = parserOf(ParentFamilySchema, knownPath, itemsOfPath);

async function familyOf(response: Response): Promise<ParentAnswer> {
  if (!response.ok) return failureOf(response);
  try {
    return { kind: 'family', family: parseParentFamily(await response.json()) };
  } catch {
    return { kind: 'unavailable' };
  }
}

/** A change asks for no body (`Prefer: return=minimal`): any success (the API's 204) means saved. */
async function savedOf(response: Response): Promise<ParentSaveAnswer> {
  return response.ok ? { kind: 'saved' } : failureOf(response);
}

async function failureOf(response: Response): Promise<ParentFailure> {
  switch (response.status) {
    case 404:
      return { kind: 'notFound' };
    case 429:
      return { kind: 'tooMany' };
    case 400:
      return { kind: 'invalid' };
    case 409:
      return { kind: 'conflict', code: await conflictCode(response) };
    default:
      return { kind: 'unavailable' };
  }
}

async function conflictCode(response: Response): Promise<ApiErrorCode | null> {
  try {
    const body: unknown = await response.json();
    const code = typeof body === 'object' && body !== null && 'code' in body ? body.code : null;
    return API_ERROR_CODES.find((candidate) => candidate === code) ?? null;
  } catch {
    return null;
  }
}

/** The request's parts the API needs: the token (a header, never a URL) and the visitor's address for its rate limit. */
export interface ParentCaller {
  token: string;
  forwardedFor: string | null;
}

function headersFor(caller: ParentCaller): Headers {
  const headers = new Headers({ accept: 'application/json', [PARENT_TOKEN_HEADER]: caller.token });
  if (caller.forwardedFor) headers.set('x-forwarded-for', caller.forwardedFor);
  return headers;
}

/** One call to the API; not reaching it in time is an answer too. */
async function call<T>(
  path: string,
  init: { method: 'GET' | 'PUT'; headers: Headers; body?: string },
  answerOf: (response: Response) => Promise<T>,
): Promise<T | { kind: 'unavailable' }> {
  try {
    const response = await fetch(apiUrl(path), {
      ...init,
      cache: 'no-store',
      signal: AbortSignal.timeout(PARENT_API_TIMEOUT_MS),
    });
    return await answerOf(response);
  } catch {
    return { kind: 'unavailable' };
  }
}

/**
 * A parent's change. The browser is sent back to the page, which reads the
 * family again, so the API is asked not to read it back for this answer.
 */
function save(
  path: string,
  caller: ParentCaller,
  body: ParentStatusRequest | OptOutRequest,
): Promise<ParentSaveAnswer> {
  const headers = headersFor(caller);
  headers.set('content-type', 'application/json');
  headers.set(PREFER_HEADER, RETURN_MINIMAL);
  return call(path, { method: 'PUT', headers, body: JSON.stringify(body) }, savedOf);
}

/** The family behind a link. */
export function fetchParentFamily(caller: ParentCaller): Promise<ParentAnswer> {
  return call(apiPath(ROUTES.parent.family), { method: 'GET', headers: headersFor(caller) }, familyOf);
}

/** What a parent changes: one step or one chat of one person of the family. */
export interface ParentChange {
  personId: string;
  target: { step: ParentStep['step'] } | { chatId: string };
  request: ParentStatusRequest;
}

export function saveParentChange(caller: ParentCaller, change: ParentChange): Promise<ParentSaveAnswer> {
  const { personId, target } = change;
  const path =
    'step' in target
      ? apiPath(ROUTES.parent.step, { personId, step: target.step })
      : apiPath(ROUTES.parent.chat, { personId, chatId: target.chatId });
  return save(path, caller, change.request);
}

/** Whom an opt-out is about: one person of the family, or all of it. */
export type OptOutScope = { personId: string } | { family: true };

/** A person or the whole family will not use Sferum (with the channel the school uses instead), or will after all. */
export interface OptOutChange {
  scope: OptOutScope;
  request: OptOutRequest;
}

export function saveOptOut(caller: ParentCaller, change: OptOutChange): Promise<ParentSaveAnswer> {
  const path =
    'personId' in change.scope
      ? apiPath(ROUTES.parent.personOptOut, { personId: change.scope.personId })
      : apiPath(ROUTES.parent.familyOptOut);
  return save(path, caller, change.request);
}
