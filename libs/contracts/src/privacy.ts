/**
 * `POST /api/schools/:id/erase-roster`, the end of the year for a whole
 * school: the admin types the school's name to confirm.
 */
export interface EraseSchoolRequest {
  schoolName: string;
}

/** What an erasure removed; 0 and 0 when there was nothing left to erase. */
export interface SchoolErasureResult {
  families: number;
  people: number;
}
