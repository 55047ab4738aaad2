import { apiPath, FamilyInviteListSchema, ROUTES, SESSION_COOKIE, type FamilyInvite } from '@sferum/contracts';
import { cookies } from 'next/headers';
import QRCode from 'qrcode';
import * as z from 'zod/mini';
import { knownPath, parserOf, parseSchool, parseSchoolClass } from '../../api/parse';
import { apiUrl } from '../../server/api-url';

const parseInvites = parserOf(FamilyInviteListSchema);
/** Of the roster the letter needs only the school's path: its steps, links and pitfalls go on the letter. */
const parseRosterPath = parserOf(z.object({ pathId: z.string() }), knownPath);

const LETTERS_TIMEOUT_MS = 10_000;

export interface Letter {
  invite: FamilyInvite & { link: string };
  /** the link as an SVG QR code, made here: the link goes to no outside service */
  qrSvg: string;
}

export type LettersData =
  | {
      kind: 'ok';
      /** null when the school could not be read: the letter then prints the signed-in user's school */
      schoolName: string | null;
      className: string;
      /** the class teachers, how parents reach them, and by when the school asks families to be in the chats */
      teachers: string[];
      parentContact: string | null;
      deadline: string | null;
      /** the school's onboarding path: the letter's steps, links and pitfalls */
      pathId: string;
      /** the school's own note per step, printed under it */
      stepNotes: Record<string, string>;
      letters: Letter[];
      withoutLink: FamilyInvite[];
    }
  | { kind: 'notFound' };

async function getJson(path: string): Promise<unknown> {
  const session = (await cookies()).get(SESSION_COOKIE)?.value ?? '';
  const response = await fetch(apiUrl(path), {
    headers: { cookie: `${SESSION_COOKIE}=${session}`, accept: 'application/json' },
    cache: 'no-store',
    signal: AbortSignal.timeout(LETTERS_TIMEOUT_MS),
  });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}

/** `?families=a,b,c`: the chosen families; none means every family of the class. */
export function familyIdsFrom(param: string | string[] | undefined): Set<string> | null {
  const raw = Array.isArray(param) ? param.join(',') : (param ?? '');
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return ids.length > 0 ? new Set(ids) : null;
}

export function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The school's name and notes per step; a letter without them still prints, so a failure here only leaves them out. */
async function schoolOf(schoolId: string): Promise<{ name: string | null; stepNotes: Record<string, string> }> {
  try {
    const school = await getJson(apiPath(ROUTES.schools.one, { schoolId }));
    return school === null ? { name: null, stepNotes: {} } : parseSchool(school);
  } catch {
    return { name: null, stepNotes: {} };
  }
}

/** The letters of a class for the chosen families (or all), each with its QR code. */
export async function loadLetters(classId: string, familyIds: Set<string> | null): Promise<LettersData> {
  const [schoolClassJson, invitesJson, roster] = await Promise.all([
    getJson(apiPath(ROUTES.classes.one, { classId })),
    getJson(apiPath(ROUTES.classes.invites, { classId })),
    getJson(apiPath(ROUTES.classes.roster, { classId })),
  ]);
  if (schoolClassJson === null || roster === null || !Array.isArray(invitesJson)) return { kind: 'notFound' };
  const schoolClass = parseSchoolClass(schoolClassJson);
  const chosen = parseInvites(invitesJson).filter((invite) => !familyIds || familyIds.has(invite.familyId));
  const withLinks = chosen.filter((invite): invite is FamilyInvite & { link: string } => invite.link !== null);
  const [letters, school] = await Promise.all([
    Promise.all(withLinks.map(async (invite) => ({ invite, qrSvg: await qrSvg(invite.link) }))),
    schoolOf(schoolClass.schoolId),
  ]);
  return {
    kind: 'ok',
    schoolName: school.name,
    className: schoolClass.name,
    teachers: schoolClass.teachers.map((teacher) => teacher.fullName),
    parentContact: schoolClass.parentContact,
    deadline: schoolClass.deadline,
    pathId: parseRosterPath(roster).pathId,
    stepNotes: school.stepNotes,
    letters,
    withoutLink: chosen.filter((invite) => invite.link === null),
  };
}
