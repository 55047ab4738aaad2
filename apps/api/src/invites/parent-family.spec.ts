import { stepIdsOf, VK_PATH } from '@sferum/contracts';
import { toParentFamily } from './parent-family';
import type { FamilyPersonJson, FamilyRow } from './parent-page.repository';

type StepJson = FamilyPersonJson['steps'][number];

function step(id: string, source: StepJson['source'] = null): StepJson {
  return {
    step: id,
    status: source ? 'done' : 'not_started',
    blockerReason: null,
    blockerNote: null,
    source,
    updatedAt: '2026-09-03T10:15:00.123456+03:00',
  };
}

function familyWith(steps: StepJson[]): FamilyRow {
  return {
    school_name: 'Школа 1',
    path_id: 'vk',
    step_notes: {},
    classes: [{ grade: 5, letter: 'А', parentContact: null, deadline: '2026-09-15', teachers: ['Иванова А. Б.'] }],
    people: [{ id: 'p1', kind: 'student', displayName: 'Петя', grade: 5, letter: 'А', steps, chats: [], optOut: null }],
  };
}

describe('toParentFamily', () => {
  it('puts the steps in the order of the school’s path, and a step the path no longer has last', () => {
    const path = stepIdsOf(VK_PATH);
    const shuffled = [step('retired_step'), ...[...path].reverse().map((id) => step(id))];
    const family = toParentFamily(familyWith(shuffled), VK_PATH, new Date('2027-08-31T20:59:59Z'));
    expect(family.people[0]!.steps.map((s) => s.step)).toEqual([...path, 'retired_step']);
  });

  it('tells who marked a step and when, in ISO time, and leaves an untouched one unmarked', () => {
    const [first, second] = stepIdsOf(VK_PATH);
    const family = toParentFamily(
      familyWith([step(first!, 'parent_link'), step(second!)]),
      VK_PATH,
      new Date('2027-08-31T20:59:59Z'),
    );
    expect(family.people[0]!.steps).toMatchObject([
      { step: first, markedBy: 'parent', updatedAt: '2026-09-03T07:15:00.123Z' },
      { step: second, markedBy: null, updatedAt: null },
    ]);
    expect(family.classes).toEqual([
      { className: '5А', teachers: ['Иванова А. Б.'], parentContact: null, deadline: '2026-09-15' },
    ]);
    expect(family.people[0]!.className).toBe('5А');
    expect(family.expiresAt).toBe('2027-08-31T20:59:59.000Z');
  });
});
