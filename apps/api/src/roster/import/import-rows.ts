import {
  DISPLAY_NAME_MAX_LENGTH,
  normalizeClassName,
  type ColumnRole,
  type ImportError,
  type ImportSkippedRow,
  type ImportWarning,
  type SchoolImportError,
} from '@sferum/contracts';
import { normalizePhone } from '../phone';
import type { Person, ReadHeader } from './import-columns';
import type { Table } from './read-table';
import { LEFT_OUT, plural, pluralForm, rowList, ROWS } from './russian';

export interface RowPerson {
  name: string;
  /** hex of the phone's HMAC */
  phone: string | null;
}

/** A row of the file with a person in it, as the file says. */
export interface ReadRow {
  /** as the spreadsheet numbers it */
  number: number;
  /** null: the row has no student's name (an error, unless the row is left out) */
  student: RowPerson | null;
  parents: RowPerson[];
  /** the class the row names: its «Класс» cell, the one above it, or the class heading it comes under; '' for none */
  classText: string;
  errors: ImportError[];
}

export interface ReadRows {
  rows: ReadRow[];
  /** the header of the student's name column, for errors about the student */
  studentColumn: string | null;
  classColumn: string | null;
  /** rows of a class stand under a heading row ("5А") */
  classHeadings: boolean;
}

/** "Итого: 25 учащихся" under the list: no student. */
const FOOTER = /^(итого|всего|total)\b/i;

/**
 * The people of each row, by the roles of the header's columns: a name from
 * one column or from its parts (Фамилия, Имя, Отчество), a phone as the HMAC
 * of its digits. Errors go with their row. A row with nobody and no class in
 * it is passed over; so is a footer ("Итого: 25"). A row with one cell that
 * names a class ("5А") is a heading: the rows under it are of that class
 * unless their own «Класс» says otherwise, and a «Класс» cell left empty
 * under a filled one (a merged cell saved as CSV) repeats it. A row with only
 * a number or a class and nobody in it (a numbered blank form) is no row.
 */
export function readRows(table: Table, header: ReadHeader, hashPhone: (normalized: string) => string): ReadRows {
  const columnOf = new Map<ColumnRole, { index: number; header: string }>();
  header.roles.forEach((role, index) => {
    const column = header.layout.columns[index];
    if (role !== null && column !== undefined)
      columnOf.set(role, { index: column.index, header: column.header || `[${column.letter}]` });
  });
  const personColumns = [...columnOf.entries()]
    .filter(([role]) => role !== 'number' && role !== 'class')
    .map(([, column]) => column.index);
  const cell = (row: string[], role: ColumnRole) => {
    const column = columnOf.get(role);
    return column ? (row[column.index] ?? '') : '';
  };
  const headerOf = (role: ColumnRole) => columnOf.get(role)?.header ?? null;
  const nameColumn = (person: Person) =>
    headerOf(`${person}_name`) ??
    headerOf(`${person}_surname`) ??
    headerOf(`${person}_first_name`) ??
    headerOf(`${person}_patronymic`);

  const readPerson = (row: string[], number: number, person: Person, errors: ImportError[]): RowPerson | null => {
    const patronymic = cell(row, `${person}_patronymic`);
    const whole = cell(row, `${person}_name`);
    const parts =
      whole !== ''
        ? [whole, whole.includes(patronymic) ? '' : patronymic]
        : [cell(row, `${person}_surname`), cell(row, `${person}_first_name`), patronymic];
    const name = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (name.length > DISPLAY_NAME_MAX_LENGTH) {
      errors.push({
        row: number,
        column: nameColumn(person),
        code: 'name_too_long',
        message: `Длиннее ${DISPLAY_NAME_MAX_LENGTH} символов`,
      });
    }
    const rawPhone = cell(row, `${person}_phone`);
    let phone: string | null = null;
    if (rawPhone !== '') {
      const normalized = normalizePhone(rawPhone);
      if (normalized) phone = hashPhone(normalized);
      else
        errors.push({
          row: number,
          column: headerOf(`${person}_phone`),
          code: 'bad_phone',
          message: 'Это не номер телефона',
        });
    }
    return name !== '' ? { name, phone } : null;
  };

  const rows: ReadRow[] = [];
  let classHeadings = false;
  let currentClass = '';
  for (const [index, raw] of table.rows.entries()) {
    if (index <= header.layout.lastRow) continue;
    const number = index + 1;
    const ownClass = cell(raw, 'class');
    const nonEmpty = raw.filter((value) => value !== '');
    const heading = nonEmpty.length === 1 ? nonEmpty[0] : undefined;
    if (heading !== undefined && ownClass === '' && normalizeClassName(heading) !== null) {
      currentClass = heading;
      classHeadings = true;
      continue;
    }
    if (ownClass !== '') currentClass = ownClass;
    if (personColumns.every((column) => (raw[column] ?? '') === '')) continue;
    const errors: ImportError[] = [];
    const student = readPerson(raw, number, 'student', errors);
    const parents = (['parent1', 'parent2', 'guardian'] as const)
      .map((person) => readPerson(raw, number, person, errors))
      .filter((parent): parent is RowPerson => parent !== null);
    if (student && parents.length === 0 && FOOTER.test(student.name) && cell(raw, 'student_phone') === '') continue;
    if (!student)
      errors.push({
        row: number,
        column: nameColumn('student'),
        code: 'empty_name',
        message: 'Не указано имя ученика',
      });
    rows.push({ number, student, parents, classText: ownClass || currentClass, errors });
  }
  return { rows, studentColumn: nameColumn('student'), classColumn: headerOf('class'), classHeadings };
}

/** A row that goes into the import, with the class it goes to ("5А"). */
export interface PlacedRow extends ReadRow {
  student: RowPerson;
  className: string;
}

export interface Placement {
  placed: PlacedRow[];
  skipped: ImportSkippedRow[];
  errors: SchoolImportError[];
  warnings: ImportWarning[];
}

/**
 * A class import takes the rows of its class: a row whose «Класс» names
 * another class is left out and listed (never imported into the wrong class);
 * a row without a class, or with one that names no class, is this class's.
 */
export function placeInClass(read: ReadRows, className: string): Placement {
  const placement: Placement = { placed: [], skipped: [], errors: [], warnings: [] };
  const unreadable: number[] = [];
  const skippedOf = new Map<string, number>();
  for (const row of read.rows) {
    const named = row.classText === '' ? className : normalizeClassName(row.classText);
    if (named === null) unreadable.push(row.number);
    if (named !== null && named !== className) {
      placement.skipped.push({ row: row.number, student: row.student?.name ?? '', className: named });
      skippedOf.set(named, (skippedOf.get(named) ?? 0) + 1);
      continue;
    }
    placement.errors.push(...row.errors);
    if (row.student) placement.placed.push({ ...row, student: row.student, className });
  }
  const allSkipped = placement.skipped.length > 0 && placement.placed.length === 0 && unreadable.length === 0;
  for (const [other, count] of [...skippedOf.entries()].sort(([a], [b]) => a.localeCompare(b, 'ru'))) {
    placement.warnings.push({
      code: 'other_class_rows',
      row: null,
      column: read.classColumn,
      className: other,
      message:
        allSkipped && skippedOf.size === 1
          ? `${count === 1 ? 'Строка' : `Все ${plural(count, ROWS)}`} файла — класса ${other}, а не ${className}: ничего не загружается. ` +
            `Выберите класс ${other} или загрузите список всей школы.`
          : `${plural(count, ROWS)} класса ${other} ${pluralForm(count, LEFT_OUT)}: в класс ${className} загружаются только его строки.`,
    });
  }
  if (unreadable.length > 0) {
    placement.warnings.push({
      code: 'unreadable_class',
      row: unreadable.length === 1 ? (unreadable[0] ?? null) : null,
      column: read.classColumn,
      className: null,
      message: `В столбце «${read.classColumn ?? 'Класс'}» не распознан класс (строки ${rowList(unreadable)}): эти строки загружаются в ${className}.`,
    });
  }
  return placement;
}

/** A whole school's file: each row goes to the class it names; a row that names none is an error. */
export function placeInSchool(read: ReadRows): Placement {
  const placement: Placement = { placed: [], skipped: [], errors: [], warnings: [] };
  if (read.classColumn === null && !read.classHeadings) {
    placement.errors.push({
      row: null,
      column: null,
      code: 'missing_column',
      message:
        'Нет столбца «Класс»: в списке всей школы у каждой строки должен быть её класс (или строка с классом над его учениками).',
    });
    return placement;
  }
  for (const row of read.rows) {
    placement.errors.push(...row.errors);
    const className = normalizeClassName(row.classText);
    if (row.classText === '') {
      placement.errors.push({
        row: row.number,
        column: read.classColumn,
        code: 'empty_class',
        message: 'Не указан класс',
      });
    } else if (className === null) {
      placement.errors.push({
        row: row.number,
        column: read.classColumn,
        code: 'bad_class',
        message: `«${row.classText}» — не класс: нужны параллель от 1 до 11 и буква, например «5А»`,
      });
    } else if (row.student) {
      placement.placed.push({ ...row, student: row.student, className });
    }
  }
  return placement;
}
