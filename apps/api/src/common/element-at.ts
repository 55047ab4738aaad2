/**
 * The element at `index` of a list the caller built to have it (rows indexed
 * by a group's members, ids returned one per input). Its absence is a bug,
 * not a client's error: it fails as an internal error.
 */
export function elementAt<Item>(list: readonly Item[], index: number, what: string): Item {
  const item = list[index];
  if (item === undefined) throw new Error(`${what} has no element ${String(index)}`);
  return item;
}
