import { describe, expect, it } from '@jest/globals';
import { IMPORT_COLUMN_ROLES, type ImportReport } from '@sferum/contracts';
import ru from '../../../messages/roster.ru.json';
import en from '../../../messages/roster.en.json';
import { mappingOf, needsMapping, ROLE_GROUPS, roleGroup, rolesOf } from './import-model';

const report = (over: Partial<ImportReport>): ImportReport => ({
  committed: false,
  rows: 1,
  students: { create: 1, update: 0, unchanged: 0 },
  parents: { create: 0, update: 0, unchanged: 0 },
  families: { create: 1, existing: 0 },
  notInFile: 0,
  errors: [],
  preview: [],
  headerRow: 1,
  columns: [
    { index: 0, letter: 'A', header: '№', key: '№', role: 'number' },
    { index: 1, letter: 'B', header: 'Ученик', key: 'Ученик', role: 'student_name' },
  ],
  mapping: { '№': 'number', Ученик: 'student_name' },
  mappingSource: 'detected',
  savedMappingName: null,
  warnings: [],
  academicYear: '2025/2026',
  classes: [],
  skipped: [],
  ...over,
});

describe('import mapping', () => {
  it('puts every role in one group of the menu', () => {
    expect(ROLE_GROUPS.flatMap((group) => rolesOf(group))).toHaveLength(IMPORT_COLUMN_ROLES.length);
    expect(roleGroup('parent2_phone')).toBe('parent2');
    expect(roleGroup('number')).toBe('number');
  });

  it('asks for the columns when no student name is found or a column is unknown', () => {
    expect(needsMapping(report({}))).toBe(false);
    expect(needsMapping(report({ errors: [{ row: null, column: null, code: 'missing_column', message: '' }] }))).toBe(
      true,
    );
    expect(
      needsMapping(
        report({ columns: [{ index: 0, letter: 'A', header: 'Обучающийся', key: 'Обучающийся', role: null }] }),
      ),
    ).toBe(true);
  });

  it('sends every column, the teacher’s choice over the detected one', () => {
    expect(mappingOf(report({}), { '№': null })).toEqual({ '№': null, Ученик: 'student_name' });
  });

  it('names every role, group and error code in Russian and English', () => {
    for (const messages of [ru, en]) {
      for (const role of IMPORT_COLUMN_ROLES) expect(messages.importList.roles[role]).toBeTruthy();
      for (const group of ROLE_GROUPS) expect(messages.importList.roleGroups[group]).toBeTruthy();
      for (const code of ['empty_class', 'bad_class', 'missing_column'] as const)
        expect(messages.importList.errors[code]).toBeTruthy();
    }
  });
});
