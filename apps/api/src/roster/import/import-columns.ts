import {
  IMPORT_HEADER_SEARCH_ROWS,
  type ColumnRole,
  type ImportColumn,
  type ImportColumnMapping,
} from '@sferum/contracts';
import { columnLetter, type Table } from './read-table';

/** The header of the downloadable template, in the order of its columns. */
export const TEMPLATE_HEADERS: Array<{ role: ColumnRole; header: string }> = [
  { role: 'student_name', header: 'Ученик' },
  { role: 'student_phone', header: 'Телефон ученика' },
  { role: 'parent1_name', header: 'Родитель 1' },
  { role: 'parent1_phone', header: 'Телефон родителя 1' },
  { role: 'parent2_name', header: 'Родитель 2' },
  { role: 'parent2_phone', header: 'Телефон родителя 2' },
];
/** The first column of the whole school's template. */
export const TEMPLATE_CLASS_HEADER = 'Класс';

export type Person = 'student' | 'parent1' | 'parent2' | 'guardian';
/** Whom a header is about: a person of the row, or a parent the file names by kinship. */
type Who = Person | 'mother' | 'father' | 'parent';
type What = 'name' | 'surname' | 'first_name' | 'patronymic' | 'phone';

export type HeaderKind =
  { kind: 'number' } | { kind: 'class' } | { kind: 'person'; who: Who | null; what: What | null };

/** Why a column with a header is taken for nothing. */
export type IgnoredReason = 'unknown' | 'duplicate' | 'fourth_adult';

const NUMBER_TOKENS = new Set(['№', 'n', 'no', 'nr', 'num', 'номер', 'п', 'пп', 'порядковый']);
const PHONE = /^(телефон[а-я]*|тел|моб|мобильн[а-я]*|сотов[а-я]*|phone[a-z]*|telephone|tel|mobile|cell)$/;
const SURNAME = /^(фамили[а-я]*|surname|lastname)$/;
const FIRST_NAME = /^(имя|имени|firstname|givenname)$/;
const PATRONYMIC = /^(отчеств[а-я]*|patronymic|middlename)$/;
const FULL_NAME = /^(фио|fullname|name)$/;
const STUDENT =
  /^(учени[а-я]*|учащ[а-я]*|обучающ[а-я]*|ребен[а-я]*|дет[еия][а-я]*|воспитанни[а-я]*|student[a-z]*|pupil[a-z]*|child|children|kid)$/;
const MOTHER = /^(мать|матер[а-я]*|мам[аыеу]|мамин[а-я]*|mother[a-z]*|mom|mum|mama)$/;
const FATHER = /^(отец|отц[аеу]|отцом|пап[аыеу]|папин[а-я]*|father[a-z]*|dad|papa)$/;
const GUARDIAN = /^(законн[а-я]*|представител[а-я]*|опекун[а-я]*|попечител[а-я]*|guardian[a-z]*|representative)$/;
const PARENT = /^(родител[а-я]*|parent[a-z]*)$/;
const FIRST = /^(1|перв[а-я]*)$/;
const SECOND = /^(2|втор[а-я]*)$/;
/** Words a header naming a person may have besides whom it is about: "Мать и отец", "Parent of the child". */
const FILLER = /^(и|или|and|or|of|the|s)$/;
const PERSON_WORD = [STUDENT, MOTHER, FATHER, GUARDIAN, PARENT, FIRST, SECOND, FILLER];

/** Lower case, ё as е, words and numbers apart: "Тел.родителя1" → тел, родителя, 1. */
export function headerTokens(header: string): string[] {
  return header
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[№#]/g, ' № ')
    .replace(/([a-zа-я])(\d)/g, '$1 $2')
    .replace(/(\d)([a-zа-я])/g, '$1 $2')
    .split(/[^a-zа-я0-9№]+/)
    .filter((token) => token !== '');
}

const has = (tokens: string[], pattern: RegExp) => tokens.some((token) => pattern.test(token));
const pair = (tokens: string[], first: string, second: string) =>
  tokens.some((token, index) => token === first && tokens[index + 1] === second);

function whatOf(tokens: string[]): What | null {
  if (has(tokens, PHONE)) return 'phone';
  const surname = has(tokens, SURNAME) || pair(tokens, 'last', 'name') || pair(tokens, 'family', 'name');
  const first = has(tokens, FIRST_NAME) || pair(tokens, 'first', 'name') || pair(tokens, 'given', 'name');
  const patronymic = has(tokens, PATRONYMIC) || pair(tokens, 'middle', 'name');
  const parts = [surname, first, patronymic].filter(Boolean).length;
  // "Фамилия, имя" and "Фамилия Имя Отчество" are one column with the whole name.
  if (parts >= 2) return 'name';
  if (surname) return 'surname';
  if (first) return 'first_name';
  if (patronymic) return 'patronymic';
  const fio = tokens.some((token, index) => token === 'ф' && tokens[index + 1] === 'и' && tokens[index + 2] === 'о');
  return fio || has(tokens, FULL_NAME) ? 'name' : null;
}

function whoOf(tokens: string[]): Who | null {
  const ordinal = has(tokens, FIRST) ? 'parent1' : has(tokens, SECOND) ? 'parent2' : null;
  const mother = has(tokens, MOTHER);
  const father = has(tokens, FATHER);
  if (has(tokens, PARENT)) {
    if (ordinal) return ordinal;
    if (mother !== father) return mother ? 'mother' : 'father';
    return 'parent';
  }
  if (mother && father) return 'parent';
  if (mother) return 'mother';
  if (father) return 'father';
  if (has(tokens, GUARDIAN)) return ordinal ?? 'guardian';
  if (has(tokens, STUDENT)) return 'student';
  return null;
}

/**
 * What a header says its column holds, from its words: whose (the student's,
 * a parent's by number, the mother's, the father's, a guardian's) and what (the
 * whole name, a part of it, the phone), or the class, or the row's number.
 * Null for anything else ("Дата рождения", "Адрес", "E-mail матери").
 */
export function classifyHeader(header: string): HeaderKind | null {
  const tokens = headerTokens(header);
  if (tokens.length === 0) return null;
  if (tokens.every((token) => NUMBER_TOKENS.has(token))) return { kind: 'number' };
  const what = whatOf(tokens);
  if (what === null && tokens.some((token) => token === 'класс' || token === 'class')) return { kind: 'class' };
  const who = whoOf(tokens);
  if (what === null) {
    // "Мать" is her name; "Место работы матери" is not.
    if (who === null || !tokens.every((token) => PERSON_WORD.some((pattern) => pattern.test(token)))) return null;
  }
  return { kind: 'person', who, what };
}

/** The slots a parent named by kinship takes, the first free one. */
const PREFERRED_SLOTS: Record<'mother' | 'father' | 'parent' | 'guardian', Person[]> = {
  mother: ['parent1', 'parent2', 'guardian'],
  father: ['parent2', 'parent1', 'guardian'],
  parent: ['parent1', 'parent2', 'guardian'],
  guardian: ['guardian', 'parent1', 'parent2'],
};

/**
 * The role of each column of a header. Parents named by kinship take the
 * parent slots (the mother the first, the father the second, a "Родитель" the
 * first free one, a guardian the guardian's); a phone column that says nobody's phone
 * belongs to the person of the nearest column on its left that says whose it
 * is, the student when none does. Where two columns claim one role, the first
 * has it.
 */
export function rolesOf(headers: string[]): { roles: Array<ColumnRole | null>; reasons: Array<IgnoredReason | null> } {
  const kinds = headers.map((header) => (header === '' ? null : classifyHeader(header)));
  const usedSlots = new Set<Person>();
  for (const kind of kinds) {
    if (kind?.kind === 'person' && (kind.who === 'parent1' || kind.who === 'parent2')) usedSlots.add(kind.who);
  }
  const slotOf = new Map<Who, Person>();
  const taken = new Set<ColumnRole>();
  let lastWho: Who | null = null;

  const personOf = (who: Who, what: What): Person | null => {
    if (who === 'student' || who === 'parent1' || who === 'parent2') return who;
    const current = slotOf.get(who);
    if (current && !taken.has(`${current}_${what}`)) return current;
    const preferred = PREFERRED_SLOTS[who];
    const free = preferred.find((slot) => !usedSlots.has(slot));
    if (!free) return null;
    usedSlots.add(free);
    slotOf.set(who, free);
    return free;
  };

  const reasons: Array<IgnoredReason | null> = [];
  const roles = kinds.map((kind, index): ColumnRole | null => {
    reasons[index] = headers[index] === '' ? null : 'unknown';
    if (!kind) return null;
    let role: ColumnRole;
    if (kind.kind === 'person') {
      const what = kind.what ?? 'name';
      const who = kind.who ?? (what === 'phone' ? (lastWho ?? 'student') : 'student');
      if (kind.who !== null) lastWho = kind.who;
      const person = personOf(who, what);
      if (!person) {
        reasons[index] = 'fourth_adult';
        return null;
      }
      role = `${person}_${what}`;
    } else {
      role = kind.kind;
    }
    if (taken.has(role)) {
      reasons[index] = 'duplicate';
      return null;
    }
    taken.add(role);
    reasons[index] = null;
    return role;
  });
  return { roles, reasons };
}

export const hasStudentName = (roles: ReadonlyArray<ColumnRole | null>): boolean =>
  roles.some((role) => role === 'student_name' || role === 'student_surname' || role === 'student_first_name');

/** Where a file's header is and what its columns are called. */
export interface HeaderLayout {
  /** 0-based row where the header ends; the data starts below it */
  lastRow: number;
  /** a header over two rows: a group ("Мать") above its columns ("ФИО", "Телефон") */
  rowCount: 1 | 2;
  columns: Array<Omit<ImportColumn, 'role'>>;
}

/** A header with the role of each of its columns. */
export interface ReadHeader {
  layout: HeaderLayout;
  roles: Array<ColumnRole | null>;
  reasons: Array<IgnoredReason | null>;
}

/** The columns that hold anything in any row. */
export function columnsInUse(table: Table): boolean[] {
  const used: boolean[] = [];
  for (const row of table.rows) {
    row.forEach((cell, column) => {
      if (cell !== '') used[column] = true;
    });
  }
  return Array.from(used, (value) => value === true);
}

/**
 * The header ending at `lastRow`: that row alone, or with the row above it
 * when that row groups the columns (merged cells over several columns, or a
 * name over the first column of its group and empty cells after it) and the
 * two together say more about the columns than the row alone.
 */
export function headerAt(table: Table, lastRow: number, used: boolean[] = columnsInUse(table)): ReadHeader {
  const single = withRoles(layoutOf(table, lastRow, 1, used));
  if (lastRow === 0 || !groupsColumns(table, lastRow - 1, lastRow)) return single;
  const double = withRoles(layoutOf(table, lastRow, 2, used));
  return score(double) > score(single) ? double : single;
}

/**
 * The header in the first rows: the one whose columns the most are
 * recognised in, with the student's name among them; a title row or two above
 * it ("Список 5А класса на 2026/27 уч. год") are passed over. When no row names
 * the student's name, the first row about as full as the fullest, so that the
 * teacher can say what its columns are.
 */
export function detectHeader(table: Table): { header: ReadHeader; found: boolean } {
  const used = columnsInUse(table);
  const rows = Math.min(IMPORT_HEADER_SEARCH_ROWS, table.rows.length);
  let best: ReadHeader | null = null;
  for (let row = 0; row < rows; row += 1) {
    const candidate = headerAt(table, row, used);
    if (hasStudentName(candidate.roles) && (best === null || score(candidate) > score(best))) best = candidate;
  }
  if (best) return { header: best, found: true };
  // Title rows have a cell or two; a header about as many as the widest row.
  const widest = Math.max(0, ...table.rows.slice(0, rows).map(filled));
  const first = table.rows.slice(0, rows).findIndex((row) => filled(row) >= widest * 0.6);
  return { header: withRoles(layoutOf(table, Math.max(first, 0), 1, used)), found: false };
}

const filled = (row: string[] | undefined) => (row ?? []).filter((cell) => cell !== '').length;

function score(header: ReadHeader): number {
  const known = header.roles.filter((role) => role !== null).length;
  const unknown = header.reasons.filter((reason) => reason !== null).length;
  return known - unknown / 2;
}

function withRoles(layout: HeaderLayout): ReadHeader {
  return { layout, ...rolesOf(layout.columns.map((column) => column.header)) };
}

const cellAt = (table: Table, row: number, column: number): string =>
  table.rows[row]?.[column] || table.spanned.get(`${row}:${column}`) || '';

/**
 * The upper row groups the lower one's columns: it has at least two different
 * names, and one of them stands over more than one column of the lower row
 * (merged, or written once with empty cells after it).
 */
function groupsColumns(table: Table, upper: number, lower: number): boolean {
  const above = table.rows[upper] ?? [];
  const below = table.rows[lower] ?? [];
  if (new Set(above.filter((cell) => cell !== '')).size < 2) return false;
  const width = Math.max(above.length, below.length);
  let seenName = false;
  for (let column = 0; column < width; column += 1) {
    if ((above[column] ?? '') !== '') {
      seenName = true;
      continue;
    }
    if ((below[column] ?? '') === '') continue;
    if (table.spanned.has(`${upper}:${column}`) || seenName) return true;
  }
  return false;
}

function layoutOf(table: Table, lastRow: number, rowCount: 1 | 2, used: boolean[]): HeaderLayout {
  const lower = table.rows[lastRow] ?? [];
  const upperRow = lastRow - 1;
  const width = Math.max(used.length, lower.length, rowCount === 2 ? (table.rows[upperRow] ?? []).length : 0);
  const headers: string[] = [];
  let group = '';
  for (let column = 0; column < width; column += 1) {
    const below = cellAt(table, lastRow, column);
    if (rowCount === 1) {
      headers.push(below);
      continue;
    }
    const written = cellAt(table, upperRow, column);
    // A group's name written once over its first column stands over the columns after it that have their own name.
    if (written !== '') group = written;
    const above = written !== '' ? written : below !== '' ? group : '';
    headers.push(above !== '' && below !== '' && above !== below ? `${above} / ${below}` : above || below);
  }
  const counts = new Map<string, number>();
  for (const header of headers) if (header !== '') counts.set(keyOf(header), (counts.get(keyOf(header)) ?? 0) + 1);
  const columns: HeaderLayout['columns'] = [];
  headers.forEach((header, index) => {
    if (header === '' && !used[index]) return;
    const letter = columnLetter(index);
    const unique = header !== '' && counts.get(keyOf(header)) === 1;
    columns.push({
      index,
      letter,
      header,
      key: unique ? header : header === '' ? `[${letter}]` : `${header} [${letter}]`,
    });
  });
  return { lastRow, rowCount, columns };
}

/** How mapping keys compare: case, ё/е and spaces aside. */
export function keyOf(text: string): string {
  return text.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The column a mapping's key names: by its key, or by its letter in brackets ("[E]"). */
export function columnByKey(layout: HeaderLayout, key: string): number {
  const wanted = keyOf(key);
  const letter = /^\[([a-z]{1,3})\]$/i.exec(key.trim())?.[1]?.toUpperCase();
  return layout.columns.findIndex((column) => keyOf(column.key) === wanted || column.letter === letter);
}

/**
 * The roles with the mapping's on top: each key it names gets its role (and
 * a column that had that role loses it); keys it names that the file has not
 * come back in `unknownKeys`.
 */
export function applyMapping(
  header: ReadHeader,
  mapping: ImportColumnMapping,
): { header: ReadHeader; unknownKeys: string[] } {
  const roles = [...header.roles];
  const reasons = [...header.reasons];
  const unknownKeys: string[] = [];
  for (const [key, role] of Object.entries(mapping)) {
    const index = columnByKey(header.layout, key);
    if (index < 0) {
      unknownKeys.push(key);
      continue;
    }
    if (role !== null) {
      roles.forEach((other, otherIndex) => {
        if (other === role && otherIndex !== index) {
          roles[otherIndex] = null;
          reasons[otherIndex] = 'duplicate';
        }
      });
    }
    roles[index] = role;
    reasons[index] = role === null && header.layout.columns[index]?.header !== '' ? 'unknown' : null;
  }
  return { header: { ...header, roles, reasons }, unknownKeys };
}

/** A saved mapping fits a header that has exactly its keys, in any order. */
export function mappingFits(header: ReadHeader, mapping: ImportColumnMapping): boolean {
  const keys = new Set(Object.keys(mapping).map(keyOf));
  const columns = header.layout.columns.map((column) => keyOf(column.key));
  return keys.size === columns.length && columns.every((key) => keys.has(key));
}

/** Every column by its key → role: the mapping a preview used, ready to be saved. */
export function mappingOf(header: ReadHeader): ImportColumnMapping {
  return Object.fromEntries(header.layout.columns.map((column, index) => [column.key, header.roles[index] ?? null]));
}

export function importColumns(header: ReadHeader): ImportColumn[] {
  return header.layout.columns.map((column, index) => ({ ...column, role: header.roles[index] ?? null }));
}
