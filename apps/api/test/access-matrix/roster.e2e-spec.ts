import { describeMatrix, staffAgents } from '../support/access-matrix';
import { ROSTER_ROWS } from './roster.rows';

describeMatrix('access matrix: roster (people, chats, imports, exports, import mappings)', ROSTER_ROWS, staffAgents);
