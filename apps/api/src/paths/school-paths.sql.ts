/**
 * The path lookup of a change to people, in one place: SchoolPathsRepository
 * runs it, and the benchmark's bare baseline (bench/hot-queries.mjs) runs
 * exactly the same text.
 */
export const SCHOOL_PATHS_SQL = {
  /** The schools of these people with their paths, locked against a switch (KEY SHARE), in id order. */
  schoolsOfPeopleForChange: `SELECT id, path_id FROM school WHERE id IN (SELECT school_id FROM person WHERE id = ANY($1::uuid[])) ORDER BY id FOR KEY SHARE`,
} as const;
