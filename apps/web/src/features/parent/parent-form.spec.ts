import { describe, expect, it } from '@jest/globals';
import { parseParentForm, parseRetry, retryOf, retryValue } from './parent-form';

const PERSON = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';
const CHAT = '5f0d8f7a-6a51-4c3e-8d0b-7b3a9c1d2e33';

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe('parseParentForm', () => {
  it('turns «Готово» on a step into done and on a chat into joined', () => {
    expect(parseParentForm(form({ person: PERSON, item: 'step:max_account', action: 'done' }))).toEqual({
      kind: 'change',
      change: { personId: PERSON, target: { step: 'max_account' }, request: { status: 'done' } },
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
      form({
        person: PERSON,
        item: 'step:school_profile',
        action: 'blocked',
        reason: 'role_not_confirmed',
        note: ` ${'x'.repeat(600)} `,
      }),
    );
    expect(parsed).toMatchObject({
      kind: 'change',
      change: {
        target: { step: 'school_profile' },
        request: { status: 'blocked', blockerReason: 'role_not_confirmed' },
      },
    });
    expect(parsed.kind === 'change' && parsed.change.request.blockerNote?.length).toBe(500);
  });

  it('sends back what the page showed of the item, and nothing of a shape it never shows', () => {
    const seen = { seen_status: 'blocked', seen_at: '2026-11-20T09:00:00.000Z' };
    expect(parseParentForm(form({ person: PERSON, item: 'step:max_account', action: 'done', ...seen }))).toMatchObject({
      change: { request: { status: 'done', seen: { status: 'blocked', updatedAt: '2026-11-20T09:00:00.000Z' } } },
    });
    expect(
      parseParentForm(
        form({ person: PERSON, item: `chat:${CHAT}`, action: 'done', seen_status: 'not_joined', seen_at: '' }),
      ),
    ).toMatchObject({
      change: { request: { status: 'joined', seen: { status: 'not_joined', updatedAt: null } } },
    });
    const odd = parseParentForm(
      form({ person: PERSON, item: `chat:${CHAT}`, action: 'done', seen_status: 'done', seen_at: 'x' }),
    );
    expect(odd.kind === 'change' && 'seen' in odd.change.request).toBe(false);
  });

  it('asks for a reason when a blocker comes without one', () => {
    expect(parseParentForm(form({ person: PERSON, item: 'step:max_account', action: 'blocked' }))).toEqual({
      kind: 'needsReason',
      personId: PERSON,
      target: { step: 'max_account' },
    });
  });

  it('refuses ids of the wrong shape, unknown actions and ids that are not UUIDs', () => {
    expect(parseParentForm(form({ person: PERSON, item: 'step:../family', action: 'done' }))).toEqual({
      kind: 'invalid',
    });
    expect(parseParentForm(form({ person: PERSON, item: 'step:Max Account', action: 'done' }))).toEqual({
      kind: 'invalid',
    });
    expect(parseParentForm(form({ person: PERSON, item: 'step:max_account', action: 'delete' }))).toEqual({
      kind: 'invalid',
    });
    expect(parseParentForm(form({ person: '../family', item: 'step:max_account', action: 'done' }))).toEqual({
      kind: 'invalid',
    });
    expect(parseParentForm(form({ person: PERSON, item: 'chat:../../x', action: 'done' }))).toEqual({
      kind: 'invalid',
    });
  });
});

describe('parseParentForm for opting out', () => {
  it('opts a person out with the channel the school will use', () => {
    expect(parseParentForm(form({ person: PERSON, action: 'opt_out', channel: 'e_diary', note: '' }))).toEqual({
      kind: 'optOut',
      optOut: { scope: { personId: PERSON }, request: { optedOut: true, channel: 'e_diary' } },
    });
  });

  it('opts the whole family out, with a trimmed, capped note', () => {
    const parsed = parseParentForm(
      form({ scope: 'family', action: 'opt_out', channel: 'other', note: ` ${'з'.repeat(600)} ` }),
    );
    expect(parsed).toMatchObject({
      kind: 'optOut',
      optOut: { scope: { family: true }, request: { optedOut: true, channel: 'other' } },
    });
    expect(parsed.kind === 'optOut' && parsed.optOut.request.note?.length).toBe(500);
  });

  it('brings a person or the family back in without a channel', () => {
    expect(parseParentForm(form({ person: PERSON, action: 'opt_in' }))).toEqual({
      kind: 'optOut',
      optOut: { scope: { personId: PERSON }, request: { optedOut: false } },
    });
    expect(parseParentForm(form({ scope: 'family', action: 'opt_in' }))).toEqual({
      kind: 'optOut',
      optOut: { scope: { family: true }, request: { optedOut: false } },
    });
  });

  it('asks for a channel, and for a note with «Другое»', () => {
    expect(parseParentForm(form({ person: PERSON, action: 'opt_out' }))).toEqual({
      kind: 'needsChannel',
      scope: { personId: PERSON },
    });
    expect(parseParentForm(form({ person: PERSON, action: 'opt_out', channel: 'sms' }))).toEqual({
      kind: 'needsChannel',
      scope: { personId: PERSON },
    });
    expect(parseParentForm(form({ scope: 'family', action: 'opt_out', channel: 'other', note: '   ' }))).toEqual({
      kind: 'needsNote',
      scope: { family: true },
      channel: 'other',
    });
  });

  it('refuses an opt-out for nobody in particular', () => {
    expect(parseParentForm(form({ action: 'opt_out', channel: 'phone' }))).toEqual({ kind: 'invalid' });
    expect(parseParentForm(form({ person: 'all', action: 'opt_in' }))).toEqual({ kind: 'invalid' });
  });
});

describe('the choice carried back after the school changed an item', () => {
  it('names what the parent chose, and reads it back', () => {
    expect(retryValue(retryOf({ status: 'done' }))).toBe('done');
    expect(retryValue(retryOf({ status: 'joined' }))).toBe('done');
    expect(retryValue(retryOf({ status: 'not_joined' }))).toBe('undo');
    expect(
      retryValue(retryOf({ status: 'blocked', blockerReason: 'role_not_confirmed', blockerNote: 'звонила' })),
    ).toBe('blocked:role_not_confirmed');
    expect(parseRetry('blocked:role_not_confirmed')).toEqual({ action: 'blocked', reason: 'role_not_confirmed' });
    expect(parseRetry('undo')).toEqual({ action: 'undo' });
  });

  it('reads nothing else', () => {
    for (const value of [null, '', 'delete', 'blocked:', 'blocked:../x', 'blocked:Role', 'done '])
      expect(parseRetry(value)).toBeNull();
  });

  it('makes a retried choice without `seen` the same change as the first one', () => {
    const again = parseParentForm(
      form({ person: PERSON, item: 'step:school_profile', action: 'blocked', reason: 'role_not_confirmed' }),
    );
    expect(again).toEqual({
      kind: 'change',
      change: {
        personId: PERSON,
        target: { step: 'school_profile' },
        request: { status: 'blocked', blockerReason: 'role_not_confirmed' },
      },
    });
  });
});
