/**
 * The item at `index` of a list a test built or read, failing the test by name
 * when there is none (with noUncheckedIndexedAccess a plain `items[0]` may be undefined).
 * Only for tests: no page imports it.
 */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at ${index}, the list has ${items.length}`);
  return item;
}
