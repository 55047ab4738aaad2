import {
  apiPath,
  IMPORT_COLUMN_ROLES,
  ImportMappingSchema,
  ROUTES,
  type ColumnRole,
  type ImportColumnMapping,
  type ImportReport,
  type ImportResult,
} from '@sferum/contracts';
import { apiRequest } from '../../api/api-client';
import { parserOf } from '../../api/parse';

/** Why a chosen file is not sent at all, as a key under `importList`; null when it may go. */
export function acceptsListFile(file: { name: string; size: number }, maxBytes: number): 'tooBig' | 'wrongType' | null {
  if (!/\.(xlsx|csv)$/i.test(file.name)) return 'wrongType';
  if (file.size > maxBytes) return 'tooBig';
  return null;
}

/** A file already loaded: nobody to add or update. */
export function importChangesNothing(result: ImportResult): boolean {
  return (
    result.errors.length === 0 &&
    result.students.create + result.students.update + result.parents.create + result.parents.update === 0
  );
}

/** The groups of the role menu, in its order; `none` is the one item «не используется». */
export const ROLE_GROUPS = ['student', 'parent1', 'parent2', 'guardian', 'class', 'number', 'none'] as const;
export type RoleGroup = (typeof ROLE_GROUPS)[number];

/** The menu's value for a column left out (a Select value cannot be null). */
export const NOT_USED = 'none';

export function roleGroup(role: ColumnRole): RoleGroup {
  if (role === 'number' || role === 'class') return role;
  return role.split('_')[0] as RoleGroup;
}

export const rolesOf = (group: RoleGroup): ColumnRole[] =>
  IMPORT_COLUMN_ROLES.filter((role) => roleGroup(role) === group);

/** The teacher should look at the columns: no student name was found, or a column is taken for nothing. */
export function needsMapping(report: ImportReport): boolean {
  return (
    report.errors.some((error) => error.code === 'missing_column') ||
    report.columns.some((column) => column.role === null && column.header.trim() !== '')
  );
}

/** Every column of the report by its key, with the teacher's changes over what the API took it for. */
export function mappingOf(report: ImportReport, changes: Record<string, ColumnRole | null>): ImportColumnMapping {
  const mapping: ImportColumnMapping = {};
  for (const column of report.columns)
    mapping[column.key] = column.key in changes ? (changes[column.key] ?? null) : column.role;
  return mapping;
}

const parseSavedMapping = parserOf(ImportMappingSchema);

/** Keeps the roles of the columns for the school's next files of the same shape. */
export const saveImportMapping = (schoolId: string, name: string, mapping: ImportColumnMapping, headerRow: number) =>
  apiRequest(apiPath(ROUTES.schools.importMapping, { schoolId, name }), {
    method: 'PUT',
    body: { mapping, headerRow },
    parse: parseSavedMapping,
  });
