import {
  BLOCKER_REASONS,
  CHAT_KINDS,
  CHAT_STATUSES,
  MESSENGERS,
  PARENT_TOKEN_HEADER,
  PERSON_KINDS,
  STEP_IDS,
  STEP_STATUSES,
  type ParentChat,
  type ParentFamily,
  type ParentPerson,
  type ParentStatusRequest,
  type ParentStep,
} from '@sferum/contracts';
import { apiUrl } from '../../server/api-url';
import { list, oneOf, oneOfOrNull, record, str, strOrNull } from './shape';

const PARENT_API_TIMEOUT_MS = 5000;

/** What the API said about a link: the family, or why there is none to show. */
export type ParentAnswer =
  | { kind: 'family'; family: ParentFamily }
  | { kind: 'notFound' }
  | { kind: 'tooMany' }
  | { kind: 'invalid' }
  | { kind: 'conflict' }
  | { kind: 'unavailable' };

function parseStep(value: unknown): ParentStep {
  const o = record(value);
  return {
    step: oneOf(o.step, STEP_IDS, 'step'),
    status: oneOf(o.status, STEP_STATUSES, 'status'),
    blockerReason: oneOfOrNull(o.blockerReason, BLOCKER_REASONS, 'blockerReason'),
    blockerNote: strOrNull(o, 'blockerNote'),
    markedBy: oneOfOrNull(o.markedBy, ['parent', 'school'] as const, 'markedBy'),
  };
}

function parseChat(value: unknown): ParentChat {
  const o = record(value);
  return {
    chatId: str(o, 'chatId'),
    kind: oneOf(o.kind, CHAT_KINDS, 'kind'),
    name: strOrNull(o, 'name'),
    status: oneOf(o.status, CHAT_STATUSES, 'status'),
    blockerReason: oneOfOrNull(o.blockerReason, BLOCKER_REASONS, 'blockerReason'),
    blockerNote: strOrNull(o, 'blockerNote'),
  };
}

function parsePerson(value: unknown): ParentPerson {
  const o = record(value);
  return {
    id: str(o, 'id'),
    kind: oneOf(o.kind, PERSON_KINDS, 'kind'),
    displayName: str(o, 'displayName'),
    className: strOrNull(o, 'className'),
    steps: list(o, 'steps').map(parseStep),
    chats: list(o, 'chats').map(parseChat),
  };
}

export function parseParentFamily(value: unknown): ParentFamily {
  const o = record(value);
  return {
    schoolName: str(o, 'schoolName'),
    messenger: oneOf(o.messenger, MESSENGERS, 'messenger'),
    expiresAt: str(o, 'expiresAt'),
    people: list(o, 'people').map(parsePerson),
  };
}

async function answerOf(response: Response): Promise<ParentAnswer> {
  if (response.ok) {
    try {
      return { kind: 'family', family: parseParentFamily(await response.json()) };
    } catch {
      return { kind: 'unavailable' };
    }
  }
  switch (response.status) {
    case 404:
      return { kind: 'notFound' };
    case 429:
      return { kind: 'tooMany' };
    case 400:
      return { kind: 'invalid' };
    case 409:
      return { kind: 'conflict' };
    default:
      return { kind: 'unavailable' };
  }
}

/** The request's parts the API needs: the token (a header, never a URL) and the visitor's address for its rate limit. */
export interface ParentCaller {
  token: string;
  forwardedFor: string | null;
}

function headersFor(caller: ParentCaller, withBody: boolean): Headers {
  const headers = new Headers({ accept: 'application/json', [PARENT_TOKEN_HEADER]: caller.token });
  if (withBody) headers.set('content-type', 'application/json');
  if (caller.forwardedFor) headers.set('x-forwarded-for', caller.forwardedFor);
  return headers;
}

async function call(path: string, caller: ParentCaller, body?: ParentStatusRequest): Promise<ParentAnswer> {
  try {
    const response = await fetch(apiUrl(path), {
      method: body ? 'PUT' : 'GET',
      headers: headersFor(caller, body !== undefined),
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
      signal: AbortSignal.timeout(PARENT_API_TIMEOUT_MS),
    });
    return await answerOf(response);
  } catch {
    return { kind: 'unavailable' };
  }
}

/** The family behind a link. */
export function fetchParentFamily(caller: ParentCaller): Promise<ParentAnswer> {
  return call('/api/parent/family', caller);
}

/** What a parent changes: one step or one chat of one person of the family. */
export interface ParentChange {
  personId: string;
  target: { step: ParentStep['step'] } | { chatId: string };
  request: ParentStatusRequest;
}

export function saveParentChange(caller: ParentCaller, change: ParentChange): Promise<ParentAnswer> {
  const person = encodeURIComponent(change.personId);
  const path =
    'step' in change.target
      ? `/api/parent/people/${person}/steps/${change.target.step}`
      : `/api/parent/people/${person}/chats/${encodeURIComponent(change.target.chatId)}`;
  return call(path, caller, change.request);
}
