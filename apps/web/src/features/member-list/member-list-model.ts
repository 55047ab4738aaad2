import {
  roleMay,
  type ChatAudience,
  type ChatSummary,
  type MemberListPreview,
  type StaffRole,
} from '@sferum/contracts';

/** The API takes a member list of up to this many characters (MemberListDto). */
export const MEMBER_LIST_MAX_LENGTH = 200_000;
/** A .txt or .csv of a chat's members is a few kilobytes; this leaves room for a whole school's. */
export const MEMBER_LIST_MAX_BYTES = 1024 * 1024;

const AUDIENCE_ORDER: readonly ChatAudience[] = ['all', 'parents', 'students'];

/**
 * The chats of a class whose member list the caller may compare: the class
 * chats (everyone's first, then the parents', then the students'), the
 * subject chats by name, and the school chat for the school's admins only
 * (the API answers a teacher 403 there).
 */
export function memberListChats(chats: readonly ChatSummary[], role: StaffRole): ChatSummary[] {
  const classChats = chats
    .filter((chat) => chat.kind === 'class')
    .sort((a, b) => AUDIENCE_ORDER.indexOf(a.audience) - AUDIENCE_ORDER.indexOf(b.audience));
  const subjectChats = chats
    .filter((chat) => chat.kind === 'subject')
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'ru'));
  const schoolChats = roleMay(role, 'schoolChat.work') ? chats.filter((chat) => chat.kind === 'school') : [];
  return [...classChats, ...subjectChats, ...schoolChats];
}

/** What the teacher picked in a preview: the found people to mark, and one person (or nobody) per line several fit. */
export interface MemberListSelection {
  /** person ids of `matched` to mark */
  checked: ReadonlySet<string>;
  /** line number → the person chosen among its candidates; null: none of them */
  chosen: ReadonlyMap<number, string | null>;
}

/** Every person found alone is marked unless unticked; where several fit, nobody is until the teacher chooses. */
export function initialSelection(preview: MemberListPreview): MemberListSelection {
  return {
    checked: new Set(preview.matched.map((entry) => entry.personId)),
    chosen: new Map(preview.ambiguous.map((entry) => [entry.line, null])),
  };
}

export function toggleChecked(selection: MemberListSelection, personId: string, checked: boolean): MemberListSelection {
  const next = new Set(selection.checked);
  if (checked) next.add(personId);
  else next.delete(personId);
  return { ...selection, checked: next };
}

export function choose(selection: MemberListSelection, line: number, personId: string | null): MemberListSelection {
  return { ...selection, chosen: new Map(selection.chosen).set(line, personId) };
}

/**
 * The people the commit marks as joined: the ticked found ones in the list's
 * order, then the choices among several, each person once; people the
 * preview showed as already in the chat are left out (nothing would change).
 */
export function commitPersonIds(preview: MemberListPreview, selection: MemberListSelection): string[] {
  const joined = new Set(preview.alreadyJoined.map((entry) => entry.personId));
  const ids = [
    ...preview.matched.filter((entry) => selection.checked.has(entry.personId)).map((entry) => entry.personId),
    ...preview.ambiguous.map((entry) => selection.chosen.get(entry.line) ?? null),
  ].filter((id): id is string => id !== null && !joined.has(id));
  return [...new Set(ids)];
}

/** The pasted text had no line with a name in it. */
export function previewIsEmpty(preview: MemberListPreview): boolean {
  return (
    preview.matched.length + preview.alreadyJoined.length + preview.ambiguous.length + preview.unknown.length === 0
  );
}

/** Why a chosen file is not read, as a key under `memberList`; null when it may be. */
export function listFileProblem(file: { name: string; size: number }): 'fileType' | 'fileTooBig' | null {
  if (!/\.(txt|csv)$/i.test(file.name)) return 'fileType';
  if (file.size > MEMBER_LIST_MAX_BYTES) return 'fileTooBig';
  return null;
}

/**
 * The text of a .txt or .csv file: UTF-8 (with or without its byte order
 * mark) when it is valid UTF-8, otherwise Windows-1251, what Russian Excel
 * and Notepad save.
 */
export function decodeListFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}
