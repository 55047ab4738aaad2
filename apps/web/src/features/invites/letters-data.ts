import { API_ROUTES, MESSENGERS, SESSION_COOKIE, type FamilyInvite, type Messenger } from '@sferum/contracts';
import { cookies } from 'next/headers';
import QRCode from 'qrcode';
import { parseSchoolClass } from '../../api/parse';
import { apiUrl } from '../../server/api-url';
import { oneOf, record } from '../parent/shape';
import { parseFamilyInvite } from './invites-api';

const LETTERS_TIMEOUT_MS = 10_000;

export interface Letter {
  invite: FamilyInvite & { link: string };
  /** the link as an SVG QR code, made here: the link goes to no outside service */
  qrSvg: string;
}

export type LettersData =
  | { kind: 'ok'; className: string; messenger: Messenger; letters: Letter[]; withoutLink: FamilyInvite[] }
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
  const ids = raw.split(',').map((id) => id.trim()).filter(Boolean);
  return ids.length > 0 ? new Set(ids) : null;
}

export function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The letters of a class for the chosen families (or all), each with its QR code. */
export async function loadLetters(classId: string, familyIds: Set<string> | null): Promise<LettersData> {
  const classPath = `${API_ROUTES.classes}/${encodeURIComponent(classId)}`;
  const [schoolClass, invites, roster] = await Promise.all([
    getJson(classPath),
    getJson(`${classPath}/invites`),
    // The roster names the school's messenger (VK Messenger or MAX) for step 3.
    getJson(`${classPath}/roster`),
  ]);
  if (schoolClass === null || roster === null || !Array.isArray(invites)) return { kind: 'notFound' };
  const chosen = invites.map(parseFamilyInvite).filter((invite) => !familyIds || familyIds.has(invite.familyId));
  const withLinks = chosen.filter((invite): invite is FamilyInvite & { link: string } => invite.link !== null);
  const letters = await Promise.all(withLinks.map(async (invite) => ({ invite, qrSvg: await qrSvg(invite.link) })));
  return {
    kind: 'ok',
    className: parseSchoolClass(schoolClass).name,
    messenger: oneOf(record(roster).messenger, MESSENGERS, 'messenger'),
    letters,
    withoutLink: chosen.filter((invite) => invite.link === null),
  };
}
