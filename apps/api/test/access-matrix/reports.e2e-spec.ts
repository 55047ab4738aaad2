import { describeMatrix, staffAndKeyAgents } from '../support/access-matrix';
import { KEY_REPORT_ROWS, STAFF_REPORT_ROWS } from './reports.rows';

describeMatrix(
  'access matrix: reports (staff reports, reporting keys, the reporting API)',
  [...STAFF_REPORT_ROWS, ...KEY_REPORT_ROWS],
  staffAndKeyAgents,
);
