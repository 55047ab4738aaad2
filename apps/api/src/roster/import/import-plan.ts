import type { ImportAction, ImportCounts, ImportError, ImportResult, ImportRowPreview } from '@sferum/contracts';
import type { RowPerson } from './import-rows';
import { elementAt } from '../../common/element-at';

export interface ExistingPerson {
  id: string;
  familyId: string;
  name: string;
  /** hex of the phone HMAC, or null */
  phone: string | null;
}

export interface ExistingStudent extends ExistingPerson {
  classId: string;
}

export interface ExistingRoster {
  /** active students of the classes the file goes into */
  students: ExistingStudent[];
  /** active parents of those students' families, and of every family with a parent whose phone is in the file */
  parents: ExistingPerson[];
}

/** A row to plan: its people and its class (the id of a class that exists, or a key of one the import creates). */
export interface PlanRow {
  number: number;
  student: RowPerson;
  parents: RowPerson[];
  classKey: string;
  className: string;
}

export interface PlannedPerson extends RowPerson {
  /** set for a person already in the database */
  existingId: string | null;
  action: ImportAction;
  /** a student's class; null for a parent */
  classKey: string | null;
}

export interface PlannedFamily {
  /** set for a family already in the database */
  existingId: string | null;
  students: PlannedPerson[];
  parents: PlannedPerson[];
}

/** What becomes of a row's student. */
export interface PlannedRow {
  number: number;
  classKey: string;
  student: string;
  action: ImportAction;
}

export interface ImportPlan {
  families: PlannedFamily[];
  errors: ImportError[];
  rows: PlannedRow[];
  result: Omit<ImportResult, 'committed' | 'errors'>;
}

/** Names compare without case, extra spaces or the ё/е difference. */
export function nameKey(name: string): string {
  return name.toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

const PREVIEW_LIMIT = 500;

/**
 * Decides what an import does, without touching the database: who is new, who
 * is already there (and whose phone changes), which rows form one family (a
 * parent on two rows makes the children siblings, in one class or in two), and
 * every error by row and column. A student is the one already in the row's
 * class with that name. Importing the same file twice plans nothing the
 * second time.
 */
export function planImport(
  rows: PlanRow[],
  existing: ExistingRoster,
  options: { studentColumn: string | null; classNames: boolean },
): ImportPlan {
  const errors: ImportError[] = [];
  const planned: PlanRow[] = [];
  const seenStudents = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.classKey}|${nameKey(row.student.name)}`;
    const earlier = seenStudents.get(key);
    if (earlier !== undefined) {
      errors.push({
        row: row.number,
        column: options.studentColumn,
        code: 'duplicate_student',
        message: `Тот же ученик, что в строке ${earlier}`,
      });
      continue;
    }
    seenStudents.set(key, row.number);
    planned.push(row);
  }

  // Rows that share a parent are one family; so are a row and the existing family it names.
  const parentKey = (person: RowPerson) => `${nameKey(person.name)}|${person.phone ?? ''}`;
  const group = new UnionFind(planned.length);
  const firstRowOfParent = new Map<string, number>();
  planned.forEach((row, index) => {
    for (const parent of row.parents) {
      const key = parentKey(parent);
      const first = firstRowOfParent.get(key);
      if (first === undefined) firstRowOfParent.set(key, index);
      else group.union(first, index);
    }
  });

  const studentByKey = new Map(
    existing.students.map((person) => [`${person.classId}|${nameKey(person.name)}`, person]),
  );
  const parentsByName = new Map<string, ExistingPerson[]>();
  for (const parent of existing.parents) {
    const key = nameKey(parent.name);
    parentsByName.set(key, [...(parentsByName.get(key) ?? []), parent]);
  }
  const studentOf = (row: PlanRow) => studentByKey.get(`${row.classKey}|${nameKey(row.student.name)}`);
  const existingFamilyOfRow = planned.map((row) => {
    const student = studentOf(row);
    if (student) return student.familyId;
    const parent = row.parents
      .map((p) => findExistingParent(parentsByName, p, null))
      .find((found) => found !== undefined);
    return parent?.familyId ?? null;
  });

  const groups = new Map<number, number[]>();
  planned.forEach((_row, index) => {
    const root = group.find(index);
    const members = groups.get(root);
    if (members) members.push(index);
    else groups.set(root, [index]);
  });

  const families: PlannedFamily[] = [];
  const preview: ImportRowPreview[] = [];
  const plannedRows: PlannedRow[] = [];
  for (const members of groups.values()) {
    const familyIds = [
      ...new Set(members.map((index) => existingFamilyOfRow[index]).filter((id): id is string => id !== null)),
    ];
    if (familyIds.length > 1) {
      for (const index of members) {
        errors.push({
          row: elementAt(planned, index, 'the planned rows').number,
          column: null,
          code: 'family_conflict',
          message: 'Эти строки объединяют семьи, которые в списке школы разные',
        });
      }
      continue;
    }
    const familyId = familyIds[0] ?? null;
    const family: PlannedFamily = { existingId: familyId, students: [], parents: [] };
    const plannedParents = new Map<string, PlannedPerson>();
    for (const index of members) {
      const row = elementAt(planned, index, 'the planned rows');
      const found = studentOf(row);
      const student = plan(row.student, found && found.familyId === familyId ? found : undefined, row.classKey);
      family.students.push(student);
      const parentPreviews: ImportRowPreview['parents'] = [];
      for (const parent of row.parents) {
        const key = parentKey(parent);
        let plannedParent = plannedParents.get(key);
        if (!plannedParent) {
          plannedParent = plan(
            parent,
            familyId ? findExistingParent(parentsByName, parent, familyId) : undefined,
            null,
          );
          plannedParents.set(key, plannedParent);
          family.parents.push(plannedParent);
        }
        parentPreviews.push({ name: parent.name, action: plannedParent.action });
      }
      const rowPreview: ImportRowPreview = {
        row: row.number,
        student: row.student.name,
        action: student.action,
        parents: parentPreviews,
        newFamily: familyId === null,
      };
      if (options.classNames) rowPreview.className = row.className;
      preview.push(rowPreview);
      plannedRows.push({
        number: row.number,
        classKey: row.classKey,
        student: row.student.name,
        action: student.action,
      });
    }
    families.push(family);
  }

  const inFile = new Set(families.flatMap((f) => f.students.map((s) => s.existingId)).filter((id) => id !== null));
  return {
    families,
    errors,
    rows: plannedRows.sort((a, b) => a.number - b.number),
    result: {
      rows: planned.length,
      students: countActions(families.flatMap((f) => f.students)),
      parents: countActions(families.flatMap((f) => f.parents)),
      families: {
        create: families.filter((f) => f.existingId === null).length,
        existing: families.filter((f) => f.existingId !== null).length,
      },
      notInFile: existing.students.filter((s) => !inFile.has(s.id)).length,
      preview: preview.sort((a, b) => a.row - b.row).slice(0, PREVIEW_LIMIT),
    },
  };
}

export function countActions(people: Array<{ action: ImportAction }>): ImportCounts {
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0 };
  for (const person of people) counts[person.action] += 1;
  return counts;
}

/** A person already there is unchanged, or updated when the file brings a new phone number. */
function plan(person: RowPerson, found: ExistingPerson | undefined, classKey: string | null): PlannedPerson {
  if (!found) return { ...person, existingId: null, action: 'create', classKey };
  const action: ImportAction = person.phone !== null && person.phone !== found.phone ? 'update' : 'unchanged';
  return { name: found.name, phone: person.phone ?? found.phone, existingId: found.id, action, classKey };
}

/**
 * The same parent: within a known family, by name (and phone, when both have
 * one); across the school, only by name and phone together.
 */
function findExistingParent(
  parentsByName: Map<string, ExistingPerson[]>,
  person: RowPerson,
  familyId: string | null,
): ExistingPerson | undefined {
  return parentsByName.get(nameKey(person.name))?.find((candidate) => {
    if (familyId !== null) {
      return (
        candidate.familyId === familyId &&
        (person.phone === null || candidate.phone === null || candidate.phone === person.phone)
      );
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
    while (this.parentOf(index) !== index) {
      this.parent[index] = this.parentOf(this.parentOf(index));
      index = this.parentOf(index);
    }
    return index;
  }
  private parentOf(index: number): number {
    return elementAt(this.parent, index, 'the union-find parents');
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}
