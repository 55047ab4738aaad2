import { describeMatrix, staffAgents } from '../support/access-matrix';
import { PRIVACY_ROWS } from './privacy.rows';

describeMatrix('access matrix: privacy', PRIVACY_ROWS, staffAgents);
