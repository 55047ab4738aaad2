import { counterDeltas, overallStatus, type CountedItem, type CountedPerson } from './counter-deltas';

const step = (item: string, status: string, blockerReason: string | null = null): CountedItem => ({
  item,
  chatKind: null,
  chatClassId: null,
  status,
  blockerReason,
});
const chat = (kind: string, classId: string | null, status: string): CountedItem => ({
  item: `chat-${kind}-${classId}`,
  chatKind: kind,
  chatClassId: classId,
  status,
  blockerReason: null,
});
const parent = (items: CountedItem[], optedOut = false): CountedPerson => ({ kind: 'parent', optedOut, items });

describe('the counters’ deltas of a change', () => {
  it('moves a parent’s step and overall status in each child’s class, and nothing else', () => {
    const before = parent([step('vk_id', 'not_started'), step('messenger', 'not_started')]);
    const after = parent([step('vk_id', 'done'), step('messenger', 'not_started')]);
    const deltas = counterDeltas([{ classIds: ['b', 'a'], before, after }]);
    expect(deltas.map((d) => `${d.classId} ${d.item} ${d.status} ${d.delta}`)).toEqual([
      'a overall in_progress 1',
      'a overall not_started -1',
      'a vk_id done 1',
      'a vk_id not_started -1',
      'b overall in_progress 1',
      'b overall not_started -1',
      'b vk_id done 1',
      'b vk_id not_started -1',
    ]);
  });

  it('is empty when nothing the counters see changes', () => {
    const person = parent([step('vk_id', 'blocked', 'other'), chat('school', null, 'joined')]);
    expect(
      counterDeltas([{ classIds: ['a'], before: person, after: { ...person, items: [...person.items] } }]),
    ).toEqual([]);
  });

  it('counts an opted-out person as opted out on every item, with no reason', () => {
    const items = [step('vk_id', 'blocked', 'other'), chat('class', 'a', 'joined')];
    const deltas = counterDeltas([{ classIds: ['a'], before: parent(items), after: parent(items, true) }]);
    expect(deltas.filter((d) => d.delta > 0).map((d) => `${d.item} ${d.status} '${d.blockerReason}'`)).toEqual([
      "chat_class opted_out ''",
      "overall opted_out ''",
      "vk_id opted_out ''",
    ]);
    expect(deltas.filter((d) => d.delta < 0).map((d) => `${d.item} ${d.status} '${d.blockerReason}'`)).toEqual([
      "chat_class joined ''",
      "overall blocked ''",
      "vk_id blocked 'other'",
    ]);
  });

  it('is connected only in the class whose class chat the person joined', () => {
    const person = parent([step('vk_id', 'done'), chat('class', 'a', 'joined'), chat('class', 'b', 'not_joined')]);
    expect(overallStatus(person, 'a')).toBe('connected');
    expect(overallStatus(person, 'b')).toBe('in_progress');
  });
});
