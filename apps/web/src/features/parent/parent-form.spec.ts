import { describe, expect, it } from '@jest/globals';
import { parseParentForm } from './parent-form';

const PERSON = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';
const CHAT = '5f0d8f7a-6a51-4c3e-8d0b-7b3a9c1d2e33';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('parseParentForm', () => {
  it('turns «Готово» on a step into done and on a chat into joined', () => {
    expect(parseParentForm(form({ person: PERSON, item: 'step:vk_id', action: 'done' }))).toEqual({
      kind: 'change',
      change: { personId: PERSON, target: { step: 'vk_id' }, request: { status: 'done' } },
    });
    expect(parseParentForm(form({ person: PERSON, item: `chat:${CHAT}`, action: 'done' }))).toEqual({
      kind: 'change',
      change: { personId: PERSON, target: { chatId: CHAT }, request: { status: 'joined' } },
    });
  });

  it('takes a mark back to not started or not joined', () => {
    const parsed = parseParentForm(form({ person: PERSON, item: `chat:${CHAT}`, action: 'undo' }));
    expect(parsed).toMatchObject({ change: { request: { status: 'not_joined' } } });
  });

  it('sends a blocker with its reason and a trimmed, capped note', () => {
    const parsed = parseParentForm(
      form({ person: PERSON, item: 'step:sferum_profile', action: 'blocked', reason: 'other', note: ` ${'x'.repeat(600)} ` }),
    );
    expect(parsed).toMatchObject({ kind: 'change', change: { request: { status: 'blocked', blockerReason: 'other' } } });
    expect(parsed.kind === 'change' && parsed.change.request.blockerNote?.length).toBe(500);
  });

  it('asks for a reason when a blocker comes without one', () => {
    expect(parseParentForm(form({ person: PERSON, item: 'step:vk_id', action: 'blocked' }))).toEqual({
      kind: 'needsReason',
      personId: PERSON,
      target: { step: 'vk_id' },
    });
  });

  it('refuses unknown steps, actions, reasons in place of ids and ids that are not UUIDs', () => {
    expect(parseParentForm(form({ person: PERSON, item: 'step:password', action: 'done' }))).toEqual({ kind: 'invalid' });
    expect(parseParentForm(form({ person: PERSON, item: 'step:vk_id', action: 'delete' }))).toEqual({ kind: 'invalid' });
    expect(parseParentForm(form({ person: '../family', item: 'step:vk_id', action: 'done' }))).toEqual({ kind: 'invalid' });
    expect(parseParentForm(form({ person: PERSON, item: 'chat:../../x', action: 'done' }))).toEqual({ kind: 'invalid' });
  });
});
