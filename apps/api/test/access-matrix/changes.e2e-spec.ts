import { describeMatrix, staffAgents } from '../support/access-matrix';
import { CHANGES_ROWS } from './changes.rows';

describeMatrix('access matrix: what changed (summaries, visits, class cards)', CHANGES_ROWS, staffAgents);
