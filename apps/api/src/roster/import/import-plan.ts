import {
  DISPLAY_NAME_MAX_LENGTH,
  type ImportAction,
  type ImportError,
  type ImportResult,
  type ImportRowPreview,
} from '@sferum/contracts';
import { normalizePhone } from '../phone';
import type { ColumnMap, ColumnRole } from './import-columns';

export interface ExistingPerson {
  id: string;
  familyId: string;
  name: string;
  /** hex of the phone HMAC, or null */
  phone: string | null;
}

export interface ExistingRoster {
  /** active students of the class */
  students: ExistingPerson[];
  /** active parents of the class's families, and of every family with a parent whose phone is in the file */
  parents: ExistingPerson[];
}

interface RowPerson {
  name: string;
  phone: string | null;
}

export interface PlannedPerson extends RowPerson {
  /** set for a person already in the database */
  existingId: string | null;
  action: ImportAction;
}

export interface PlannedFamily {
  /** set for a family already in the database */
  existingId: string | null;
  students: PlannedPerson[];
  parents: PlannedPerson[];
}

export interface ImportPlan {
  families: PlannedFamily[];
  result: Omit<ImportResult, 'committed'>;
}

/** Names compare without case, extra spaces or the ё/е difference. */
export function nameKey(name: string): string {
  return name.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

const PREVIEW_LIMIT = 500;

/**
 * Decides what an import does, without touching the database: who is new, who
 * is already there (and whose phone changes), which rows form one family (a
 * parent on two rows makes the children siblings), and every error by row and
 * column. Importing the same file twice plans nothing the second time.
 */
export function planImport(
  table: string[][],
  columns: ColumnMap,
  existing: ExistingRoster,
  hashPhone: (normalized: string) => string,
): ImportPlan {
  const errors: ImportError[] = [];
  const cell = (row: string[], role: ColumnRole): string => {
    const index = columns.index[role];
    return index === undefined ? '' : (row[index] ?? '').trim();
  };
  const header = (role: ColumnRole): string | null => columns.header[role] ?? null;

  const readPerson = (rowNumber: number, row: string[], nameRole: ColumnRole, phoneRole: ColumnRole): RowPerson | null => {
    const name = cell(row, nameRole).replace(/\s+/g, ' ');
    const rawPhone = cell(row, phoneRole);
    if (name.length > DISPLAY_NAME_MAX_LENGTH) {
      errors.push({ row: rowNumber, column: header(nameRole), code: 'name_too_long', message: `Longer than ${DISPLAY_NAME_MAX_LENGTH} characters` });
    }
    let phone: string | null = null;
    if (rawPhone) {
      const normalized = normalizePhone(rawPhone);
      if (normalized) phone = hashPhone(normalized);
      else errors.push({ row: rowNumber, column: header(phoneRole), code: 'bad_phone', message: 'Not a phone number' });
    }
    return name ? { name, phone } : null;
  };

  interface Row {
    number: number;
    student: RowPerson;
    parents: RowPerson[];
  }
  const rows: Row[] = [];
  const seenStudents = new Map<string, number>();
  table.slice(1).forEach((raw, index) => {
    const number = index + 2;
    if (raw.every((value) => value.trim() === '')) return;
    const student = readPerson(number, raw, 'student', 'studentPhone');
    const parents = [readPerson(number, raw, 'parent1', 'parent1Phone'), readPerson(number, raw, 'parent2', 'parent2Phone')].filter(
      (parent): parent is RowPerson => parent !== null,
    );
    if (!student) {
      errors.push({ row: number, column: header('student'), code: 'empty_name', message: 'The student has no name' });
      return;
    }
    const key = nameKey(student.name);
    const earlier = seenStudents.get(key);
    if (earlier !== undefined) {
      errors.push({ row: number, column: header('student'), code: 'duplicate_student', message: `The same student as in row ${earlier}` });
      return;
    }
    seenStudents.set(key, number);
    rows.push({ number, student, parents });
  });

  // Rows that share a parent are one family; so are a row and the existing family it names.
  const parentKey = (person: RowPerson) => `${nameKey(person.name)}|${person.phone ?? ''}`;
  const group = new UnionFind(rows.length);
  const firstRowOfParent = new Map<string, number>();
  rows.forEach((row, index) => {
    for (const parent of row.parents) {
      const key = parentKey(parent);
      const first = firstRowOfParent.get(key);
      if (first === undefined) firstRowOfParent.set(key, index);
      else group.union(first, index);
    }
  });

  const studentByName = new Map(existing.students.map((person) => [nameKey(person.name), person]));
  const existingFamilyOfRow = rows.map((row) => {
    const student = studentByName.get(nameKey(row.student.name));
    if (student) return student.familyId;
    const parent = row.parents.map((p) => findExistingParent(existing.parents, p, null)).find((found) => found !== undefined);
    return parent?.familyId ?? null;
  });

  const groups = new Map<number, number[]>();
  rows.forEach((_row, index) => groups.set(group.find(index), [...(groups.get(group.find(index)) ?? []), index]));

  const families: PlannedFamily[] = [];
  const preview: ImportRowPreview[] = [];
  for (const members of groups.values()) {
    const familyIds = [...new Set(members.map((index) => existingFamilyOfRow[index]).filter((id): id is string => id !== null))];
    if (familyIds.length > 1) {
      for (const index of members) {
        errors.push({
          row: rows[index].number,
          column: null,
          code: 'family_conflict',
          message: 'These rows join families that are separate in the class list',
        });
      }
      continue;
    }
    const familyId = familyIds[0] ?? null;
    const family: PlannedFamily = { existingId: familyId, students: [], parents: [] };
    const plannedParents = new Map<string, PlannedPerson>();
    for (const index of members) {
      const row = rows[index];
      const student = plan(row.student, familyId ? existing.students.find((s) => s.familyId === familyId && nameKey(s.name) === nameKey(row.student.name)) : undefined);
      family.students.push(student);
      const parentPreviews: ImportRowPreview['parents'] = [];
      for (const parent of row.parents) {
        const key = parentKey(parent);
        let planned = plannedParents.get(key);
        if (!planned) {
          planned = plan(parent, familyId ? findExistingParent(existing.parents, parent, familyId) : undefined);
          plannedParents.set(key, planned);
          family.parents.push(planned);
        }
        parentPreviews.push({ name: parent.name, action: planned.action });
      }
      preview.push({ row: row.number, student: row.student.name, action: student.action, parents: parentPreviews, newFamily: familyId === null });
    }
    families.push(family);
  }

  const count = (people: PlannedPerson[]) => ({
    create: people.filter((p) => p.action === 'create').length,
    update: people.filter((p) => p.action === 'update').length,
    unchanged: people.filter((p) => p.action === 'unchanged').length,
  });
  const inFile = new Set(families.flatMap((f) => f.students.map((s) => s.existingId)).filter((id) => id !== null));
  return {
    families,
    result: {
      rows: rows.length,
      students: count(families.flatMap((f) => f.students)),
      parents: count(families.flatMap((f) => f.parents)),
      families: {
        create: families.filter((f) => f.existingId === null).length,
        existing: families.filter((f) => f.existingId !== null).length,
      },
      notInFile: existing.students.filter((s) => !inFile.has(s.id)).length,
      errors: errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
      preview: preview.sort((a, b) => a.row - b.row).slice(0, PREVIEW_LIMIT),
    },
  };
}

/** A person already there is unchanged, or updated when the file brings a new phone number. */
function plan(person: RowPerson, found: ExistingPerson | undefined): PlannedPerson {
  if (!found) return { ...person, existingId: null, action: 'create' };
  const action: ImportAction = person.phone !== null && person.phone !== found.phone ? 'update' : 'unchanged';
  return { name: found.name, phone: person.phone ?? found.phone, existingId: found.id, action };
}

/**
 * The same parent: within a known family, by name (and phone, when both have
 * one); across the school, only by name and phone together.
 */
function findExistingParent(parents: ExistingPerson[], person: RowPerson, familyId: string | null): ExistingPerson | undefined {
  return parents.find((candidate) => {
    if (nameKey(candidate.name) !== nameKey(person.name)) return false;
    if (familyId !== null) {
      return candidate.familyId === familyId && (person.phone === null || candidate.phone === null || candidate.phone === person.phone);
    }
    return person.phone !== null && candidate.phone === person.phone;
  });
}

class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    while (this.parent[index] !== index) {
      this.parent[index] = this.parent[this.parent[index]]!;
      index = this.parent[index]!;
    }
    return index;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}
