import { describe, expect, it } from '@jest/globals';
import { whomToRemind, type ReminderPerson, type ReminderRoster } from './reminders';

const CLASS_CHAT = 'chat-class';

function person(overrides: Partial<ReminderPerson> & Pick<ReminderPerson, 'id' | 'kind'>): ReminderPerson {
  return {
    displayName: overrides.id,
    archived: false,
    steps: [
      { step: 'vk_id', status: 'done', blockerReason: null },
      { step: 'sferum_profile', status: 'done', blockerReason: null },
      { step: 'messenger', status: 'done', blockerReason: null },
    ],
    chats: [{ chatId: CLASS_CHAT, status: 'joined' }],
    ...overrides,
  };
}

function roster(people: ReminderPerson[]): ReminderRoster {
  return {
    messenger: 'vk_messenger',
    chats: [
      { id: CLASS_CHAT, kind: 'class' },
      { id: 'chat-school', kind: 'school' },
    ],
    families: [{ id: 'family', people }],
  };
}

describe('whomToRemind', () => {
  it('leaves out a family where everyone is done and in the class chat', () => {
    expect(whomToRemind(roster([person({ id: 'Петя', kind: 'student' })])).size).toBe(0);
  });

  it('lists the steps not done and a missing class chat, children before parents', () => {
    const result = whomToRemind(
      roster([
        person({ id: 'Мама', kind: 'parent', chats: [] }),
        person({
          id: 'Петя',
          kind: 'student',
          steps: [
            { step: 'vk_id', status: 'done', blockerReason: null },
            { step: 'sferum_profile', status: 'blocked', blockerReason: 'forgot_password' },
            { step: 'messenger', status: 'not_started', blockerReason: null },
          ],
          chats: [{ chatId: CLASS_CHAT, status: 'not_joined' }],
        }),
      ]),
    );
    expect(result.get('family')).toEqual([
      { name: 'Петя', kind: 'student', missing: ['sferum_profile', 'messenger', 'class_chat'] },
      { name: 'Мама', kind: 'parent', missing: ['class_chat'] },
    ]);
  });

  it('does not chase someone who refuses Sferum, nor an archived person', () => {
    const refuses = person({
      id: 'Папа',
      kind: 'parent',
      steps: [{ step: 'vk_id', status: 'blocked', blockerReason: 'refuses_sferum' }],
      chats: [],
    });
    const archived = person({ id: 'Ушёл', kind: 'student', archived: true, chats: [] });
    expect(whomToRemind(roster([refuses, archived])).size).toBe(0);
  });
});
