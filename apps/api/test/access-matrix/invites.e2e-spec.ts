import { describeMatrix, staffAgents } from '../support/access-matrix';
import { INVITES_ROWS } from './invites.rows';

describeMatrix('access matrix: invites', INVITES_ROWS, staffAgents);
