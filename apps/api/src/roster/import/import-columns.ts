import type { ImportError } from '@sferum/contracts';

export type ColumnRole = 'student' | 'studentPhone' | 'parent1' | 'parent1Phone' | 'parent2' | 'parent2Phone';

/** Headers as teachers write them, in Russian or English; compared after normalizeHeader. */
const HEADER_ALIASES: Record<ColumnRole, string[]> = {
  student: ['ученик', 'ученица', 'фио ученика', 'фио', 'ребенок', 'фио ребенка', 'student', 'student name', 'name'],
  studentPhone: ['телефон ученика', 'телефон ребенка', 'student phone'],
  parent1: ['родитель 1', 'родитель', 'фио родителя 1', 'фио родителя', 'мама', 'parent 1', 'parent'],
  parent1Phone: ['телефон родителя 1', 'телефон родителя', 'телефон мамы', 'parent 1 phone', 'parent phone'],
  parent2: ['родитель 2', 'фио родителя 2', 'папа', 'parent 2'],
  parent2Phone: ['телефон родителя 2', 'телефон папы', 'parent 2 phone'],
};

/** The header of the downloadable template, in the order of its columns. */
export const TEMPLATE_HEADERS: Array<{ role: ColumnRole; header: string }> = [
  { role: 'student', header: 'Ученик' },
  { role: 'studentPhone', header: 'Телефон ученика' },
  { role: 'parent1', header: 'Родитель 1' },
  { role: 'parent1Phone', header: 'Телефон родителя 1' },
  { role: 'parent2', header: 'Родитель 2' },
  { role: 'parent2Phone', header: 'Телефон родителя 2' },
];

export function normalizeHeader(header: string): string {
  return header.toLowerCase().replace(/ё/g, 'е').replace(/[№#:*]/g, '').replace(/\s+/g, ' ').trim();
}

export interface ColumnMap {
  /** column index of each role found */
  index: Partial<Record<ColumnRole, number>>;
  /** the header as written, for error messages */
  header: Partial<Record<ColumnRole, string>>;
}

/** Finds the columns by their headers; the student column is the one that must be there. */
export function mapColumns(headerRow: string[]): { columns: ColumnMap; errors: ImportError[] } {
  const columns: ColumnMap = { index: {}, header: {} };
  headerRow.forEach((raw, index) => {
    const normalized = normalizeHeader(raw);
    const role = (Object.keys(HEADER_ALIASES) as ColumnRole[]).find((r) => HEADER_ALIASES[r].includes(normalized));
    if (role && columns.index[role] === undefined) {
      columns.index[role] = index;
      columns.header[role] = raw.trim();
    }
  });
  const errors: ImportError[] =
    columns.index.student === undefined
      ? [
          {
            row: 1,
            column: null,
            code: 'missing_column',
            message: 'No student column: the first row must name the columns, e.g. "Ученик"',
          },
        ]
      : [];
  return { columns, errors };
}
