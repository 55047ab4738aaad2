import { describeMatrix, staffAgents } from '../support/access-matrix';
import { SCHOOL_YEAR_ROWS } from './school-year.rows';

/** A file of its own: a new year moves every class of the school on. */
describeMatrix('access matrix: the new school year', SCHOOL_YEAR_ROWS, staffAgents);
