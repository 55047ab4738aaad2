import type { MemberListCandidate, MemberListLine, MemberListPreview, PersonKind } from '@sferum/contracts';

export interface ChatMember extends MemberListCandidate {
  joined: boolean;
}

/** Words of a member list that are not a name: roles as MAX and Sferum write them, and what a copy drags along. */
const PARENT_WORDS = new Set([
  'родитель',
  'родительница',
  'мама',
  'папа',
  'мать',
  'отец',
  'законный',
  'представитель',
  'опекун',
  'parent',
]);
const STUDENT_WORDS = new Set([
  'ученик',
  'ученица',
  'учащийся',
  'учащаяся',
  'обучающийся',
  'обучающаяся',
  'student',
  'pupil',
]);
const PATRONYMIC = /(ич|вна|ична|чна|оглы|кызы)$/;

/** Lower case, ё as е, letters and hyphens only: "Пётр  Иванов-Петров," → ["петр", "иванов-петров"]. */
export function nameTokens(text: string): string[] {
  return text
    .toLocaleLowerCase('ru-RU')
    .replaceAll('ё', 'е')
    .split(/[^\p{L}-]+/u)
    .map((token) => token.replace(/^-+|-+$/g, ''))
    .filter((token) => token.length > 0);
}

/** Who a line is about, as far as it says: "Иванова Мария (родитель)" → parent. */
function kindHint(tokens: string[]): PersonKind | null {
  if (tokens.some((token) => PARENT_WORDS.has(token))) return 'parent';
  if (tokens.some((token) => STUDENT_WORDS.has(token))) return 'student';
  return null;
}

/**
 * Does a line name this person? Surname and first name both in it, in either
 * order; the patronymic optional, but a different one rules the person out.
 */
function names(line: string[], person: string[]): boolean {
  const [surname, first, patronymic] = person;
  if (!surname || !first || !line.includes(surname) || !line.includes(first)) return false;
  if (patronymic === undefined || line.includes(patronymic)) return true;
  return !line.some((token) => token !== surname && token !== first && PATRONYMIC.test(token));
}

/**
 * Matches a chat's member list, as the teacher pasted it (one member per line,
 * or a copied table: cells on one line), to the people who belong in that
 * chat. Each person is matched once, at the first line that names them alone.
 */
export function matchMemberList(text: string, members: readonly ChatMember[]): MemberListPreview {
  const people = members.map((member) => ({ member, tokens: nameTokens(member.displayName) }));
  const preview: MemberListPreview = { matched: [], alreadyJoined: [], ambiguous: [], unknown: [] };
  const seen = new Set<string>();
  const candidate = ({ personId, displayName, kind }: ChatMember): MemberListCandidate => ({
    personId,
    displayName,
    kind,
  });
  for (const [index, raw] of text.split(/\r\n|\r|\n/).entries()) {
    const lineText = raw.trim();
    const tokens = nameTokens(lineText);
    if (tokens.length === 0) continue;
    const line: MemberListLine = { line: index + 1, text: lineText.slice(0, 200) };
    const hint = kindHint(tokens);
    const found = people
      .filter(({ member, tokens: own }) => (hint === null || member.kind === hint) && names(tokens, own))
      .map((p) => p.member);
    if (found.length === 0) {
      preview.unknown.push(line);
    } else if (found.length > 1) {
      preview.ambiguous.push({ ...line, candidates: found.map(candidate) });
    } else {
      const [member] = found as [ChatMember];
      if (seen.has(member.personId)) continue;
      seen.add(member.personId);
      (member.joined ? preview.alreadyJoined : preview.matched).push({ ...line, ...candidate(member) });
    }
  }
  return preview;
}
