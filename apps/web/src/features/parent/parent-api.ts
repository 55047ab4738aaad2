import {
  API_ERROR_CODES,
  CHAT_AUDIENCES,
  CHAT_KINDS,
  CHAT_STATUSES,
  OPT_OUT_CHANNELS,
  PARENT_TOKEN_HEADER,
  PATH_CATALOGUE,
  PERSON_KINDS,
  PROGRESS_SOURCES,
  STEP_STATUSES,
  stepIdsOf,
  type ApiErrorCode,
  type OnboardingPath,
  type OptOut,
  type OptOutRequest,
  type ParentChat,
  type ParentClass,
  type ParentFamily,
  type ParentPerson,
  type ParentStatusRequest,
  type ParentStep,
} from '@sferum/contracts';
import { stringRecord } from '../../api/parse';
import { apiUrl } from '../../server/api-url';
import { list, oneOf, oneOfOrNull, record, ResponseShapeError, str, strOrNull } from './shape';

const PARENT_API_TIMEOUT_MS = 5000;

/** What the API said about a link: the family, or why there is none to show. */
export type ParentAnswer =
  | { kind: 'family'; family: ParentFamily }
  | { kind: 'notFound' }
  | { kind: 'tooMany' }
  | { kind: 'invalid' }
  /** `code` says what about, where the API names it: the school changed the item, or the person opted out */
  | { kind: 'conflict'; code: ApiErrorCode | null }
  | { kind: 'unavailable' };

/** What the page needs of the family's path to read the answer: which steps and reasons there are. */
interface PathIds {
  steps: string[];
  reasons: string[];
}

function parseStep(value: unknown, ids: PathIds): ParentStep {
  const o = record(value);
  return {
    step: oneOf(o.step, ids.steps, 'step'),
    status: oneOf(o.status, STEP_STATUSES, 'status'),
    blockerReason: oneOfOrNull(o.blockerReason, ids.reasons, 'blockerReason'),
    blockerNote: strOrNull(o, 'blockerNote'),
    markedBy: oneOfOrNull(o.markedBy, MARKED_BY, 'markedBy'),
    updatedAt: strOrNull(o, 'updatedAt'),
  };
}

const MARKED_BY = ['parent', 'school'] as const;

function parseChat(value: unknown, ids: PathIds): ParentChat {
  const o = record(value);
  return {
    chatId: str(o, 'chatId'),
    kind: oneOf(o.kind, CHAT_KINDS, 'kind'),
    audience: oneOf(o.audience, CHAT_AUDIENCES, 'audience'),
    name: strOrNull(o, 'name'),
    status: oneOf(o.status, CHAT_STATUSES, 'status'),
    blockerReason: oneOfOrNull(o.blockerReason, ids.reasons, 'blockerReason'),
    blockerNote: strOrNull(o, 'blockerNote'),
    markedBy: oneOfOrNull(o.markedBy, MARKED_BY, 'markedBy'),
    updatedAt: strOrNull(o, 'updatedAt'),
    inviteUrl: strOrNull(o, 'inviteUrl'),
  };
}

function parseClass(value: unknown): ParentClass {
  const o = record(value);
  return {
    className: str(o, 'className'),
    teachers: list(o, 'teachers').map((name) => {
      if (typeof name !== 'string') throw new ResponseShapeError('teachers');
      return name;
    }),
    parentContact: strOrNull(o, 'parentContact'),
    deadline: strOrNull(o, 'deadline'),
  };
}

function parseOptOut(value: unknown): OptOut | null {
  if (value === null || value === undefined) return null;
  const o = record(value);
  return {
    channel: oneOf(o.channel, OPT_OUT_CHANNELS, 'channel'),
    note: strOrNull(o, 'note'),
    at: str(o, 'at'),
    source: oneOf(o.source, PROGRESS_SOURCES, 'source'),
  };
}

function parsePerson(value: unknown, ids: PathIds): ParentPerson {
  const o = record(value);
  return {
    id: str(o, 'id'),
    kind: oneOf(o.kind, PERSON_KINDS, 'kind'),
    displayName: str(o, 'displayName'),
    className: strOrNull(o, 'className'),
    steps: list(o, 'steps').map((step) => parseStep(step, ids)),
    chats: list(o, 'chats').map((chat) => parseChat(chat, ids)),
    optOut: parseOptOut(o.optOut),
  };
}

/** The family's path from the catalogue; an id the catalogue does not know makes the answer unusable. */
export function familyPath(family: Pick<ParentFamily, 'pathId'>): OnboardingPath {
  return PATH_CATALOGUE.get(family.pathId);
}

export function parseParentFamily(value: unknown): ParentFamily {
  const o = record(value);
  const pathId = str(o, 'pathId');
  if (!PATH_CATALOGUE.has(pathId)) throw new ResponseShapeError('pathId');
  const path = PATH_CATALOGUE.get(pathId);
  const ids: PathIds = { steps: stepIdsOf(path), reasons: path.blockers.map((blocker) => blocker.id) };
  return {
    schoolName: str(o, 'schoolName'),
    pathId,
    stepNotes: stringRecord(o, 'stepNotes'),
    classes: o.classes === undefined ? [] : list(o, 'classes').map(parseClass),
    expiresAt: str(o, 'expiresAt'),
    people: list(o, 'people').map((person) => parsePerson(person, ids)),
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

function headersFor(caller: ParentCaller, withBody: boolean): Headers {
  const headers = new Headers({ accept: 'application/json', [PARENT_TOKEN_HEADER]: caller.token });
  if (withBody) headers.set('content-type', 'application/json');
  if (caller.forwardedFor) headers.set('x-forwarded-for', caller.forwardedFor);
  return headers;
}

async function call(
  path: string,
  caller: ParentCaller,
  body?: ParentStatusRequest | OptOutRequest,
): Promise<ParentAnswer> {
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

/** Whom an opt-out is about: one person of the family, or all of it. */
export type OptOutScope = { personId: string } | { family: true };

/** A person or the whole family will not use Sferum (with the channel the school uses instead), or will after all. */
export interface OptOutChange {
  scope: OptOutScope;
  request: OptOutRequest;
}

export function saveOptOut(caller: ParentCaller, change: OptOutChange): Promise<ParentAnswer> {
  const path =
    'personId' in change.scope
      ? `/api/parent/people/${encodeURIComponent(change.scope.personId)}/opt-out`
      : '/api/parent/opt-out';
  return call(path, caller, change.request);
}
