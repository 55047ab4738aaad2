import {
  IMPORT_COLUMN_ROLES,
  IMPORT_MAX_HEADER_ROW,
  type ColumnRole,
  type ImportColumnMapping,
} from '@sferum/contracts';
import { RequestValidationException } from '../../common/validation';

/** How a file is to be read and whether it is written. */
export interface ImportOptions {
  commit: boolean;
  /** overrides the roles of the columns it names */
  mapping: ImportColumnMapping | null;
  /** 1-based row where the header ends */
  headerRow: number | null;
}

/** The import's parameters as text, from the query or from the multipart form's fields. */
export interface ImportParameters {
  headerRow?: string;
  mapping?: string;
}

const MAPPING_MAX_COLUMNS = 300;
const MAPPING_KEY_MAX_LENGTH = 300;
/** A mapping of MAPPING_MAX_COLUMNS long keys, as JSON. */
export const MAPPING_JSON_MAX_LENGTH = 64 * 1024;

/** Why a value is not a column mapping, or null when it is one. */
export function columnMappingProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be an object of column keys to roles, such as {"Мать": "parent1_name"}';
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return 'must name at least one column';
  if (entries.length > MAPPING_MAX_COLUMNS) return `must name at most ${MAPPING_MAX_COLUMNS} columns`;
  const seen = new Map<ColumnRole, string>();
  for (const [key, role] of entries) {
    if (key.trim() === '' || key.length > MAPPING_KEY_MAX_LENGTH)
      return `has a key that is empty or longer than ${MAPPING_KEY_MAX_LENGTH} characters`;
    if (role === null) continue;
    if (typeof role !== 'string' || !(IMPORT_COLUMN_ROLES as readonly string[]).includes(role)) {
      return `gives "${key}" an unknown role; roles are ${IMPORT_COLUMN_ROLES.join(', ')} or null`;
    }
    const other = seen.get(role as ColumnRole);
    if (other !== undefined) return `gives the role ${role} to both "${other}" and "${key}"`;
    seen.set(role as ColumnRole, key);
  }
  return null;
}

/**
 * The options of an import from its query and its form fields (either may
 * carry `mapping` and `headerRow`, not both the same one).
 */
export function importOptions(commit: boolean, query: ImportParameters, fields: ImportParameters): ImportOptions {
  const pick = (name: keyof ImportParameters): string | undefined => {
    if (query[name] !== undefined && fields[name] !== undefined) {
      throw RequestValidationException.forField(name, `send ${name} once: in the query or as a form field`);
    }
    return query[name] ?? fields[name];
  };
  const headerRowText = pick('headerRow');
  let headerRow: number | null = null;
  if (headerRowText !== undefined) {
    headerRow = /^\d{1,3}$/.test(headerRowText) ? Number(headerRowText) : 0;
    if (headerRow < 1 || headerRow > IMPORT_MAX_HEADER_ROW) {
      throw RequestValidationException.forField(
        'headerRow',
        `headerRow must be a row number from 1 to ${IMPORT_MAX_HEADER_ROW}`,
      );
    }
  }
  const mappingText = pick('mapping');
  let mapping: ImportColumnMapping | null = null;
  if (mappingText !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(mappingText);
    } catch {
      throw RequestValidationException.forField('mapping', 'mapping must be JSON');
    }
    const problem = columnMappingProblem(parsed);
    if (problem) throw RequestValidationException.forField('mapping', `mapping ${problem}`);
    mapping = parsed as ImportColumnMapping;
  }
  return { commit, mapping, headerRow };
}
