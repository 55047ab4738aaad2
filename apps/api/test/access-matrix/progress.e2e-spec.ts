import { describeMatrix, staffAgents } from '../support/access-matrix';
import { PROGRESS_ROWS } from './progress.rows';

describeMatrix(
  'access matrix: progress (steps, chats, bulk, opt-outs, member lists, history)',
  PROGRESS_ROWS,
  staffAgents,
);
