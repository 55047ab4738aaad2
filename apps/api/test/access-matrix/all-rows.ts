import type { AnyMatrixRow } from '../support/access-matrix';
import { CHANGES_ROWS } from './changes.rows';
import { INVITES_ROWS } from './invites.rows';
import { ORG_ROWS } from './org.rows';
import { PRIVACY_ROWS } from './privacy.rows';
import { PROGRESS_ROWS } from './progress.rows';
import { KEY_REPORT_ROWS, STAFF_REPORT_ROWS } from './reports.rows';
import { ROSTER_ROWS } from './roster.rows';
import { SCHOOL_YEAR_ROWS } from './school-year.rows';

/** Every row of every matrix file, for the completeness test. */
export const ALL_MATRIX_ROWS: readonly AnyMatrixRow[] = [
  ...ORG_ROWS,
  ...ROSTER_ROWS,
  ...PROGRESS_ROWS,
  ...INVITES_ROWS,
  ...PRIVACY_ROWS,
  ...STAFF_REPORT_ROWS,
  ...KEY_REPORT_ROWS,
  ...SCHOOL_YEAR_ROWS,
  ...CHANGES_ROWS,
];
