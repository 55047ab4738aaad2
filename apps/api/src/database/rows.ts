/**
 * The first row of a statement that always yields one (an INSERT … RETURNING,
 * an aggregate, an object the caller's access check has just found). Its
 * absence is a bug, not a client's error: it fails as an internal error.
 */
export function firstRow<Row>(rows: readonly Row[], statement: string): Row {
  const row = rows[0];
  if (row === undefined) throw new Error(`${statement} returned no row`);
  return row;
}
