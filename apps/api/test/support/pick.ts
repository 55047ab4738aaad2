/**
 * Picks from answers and rows the element a test expects to be there, failing
 * with a readable message (not a TypeError further on) when it is missing.
 */
export function nth<Item>(list: readonly Item[], index: number): Item {
  const item = list[index];
  if (item === undefined)
    throw new Error(`expected an element at index ${String(index)}, the list has ${String(list.length)}`);
  return item;
}

export function firstOf<Item>(list: readonly Item[]): Item {
  return nth(list, 0);
}

export function entry<Value>(record: Readonly<Partial<Record<string, Value>>>, key: string): Value {
  const value = record[key];
  if (value === undefined) throw new Error(`expected the key ${key}, the keys are ${Object.keys(record).join(', ')}`);
  return value;
}

/** The list's first `count` elements, for a destructuring that needs them all. */
export function take<Item>(list: readonly Item[], count: 2): [Item, Item];
export function take<Item>(list: readonly Item[], count: 3): [Item, Item, Item];
export function take<Item>(list: readonly Item[], count: 4): [Item, Item, Item, Item];
export function take<Item>(list: readonly Item[], count: number): Item[] {
  if (list.length < count)
    throw new Error(`expected at least ${String(count)} elements, the list has ${String(list.length)}`);
  return list.slice(0, count);
}

/** The token of a family's personal link (`…/p/<token>`), as the parent's page sends it. */
export function linkTokenOf(invite: { link: string | null }): string {
  if (!invite.link) throw new Error('The family has no link');
  return nth(invite.link.split('/p/'), 1);
}
