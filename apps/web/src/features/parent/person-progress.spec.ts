import { describe, expect, it } from '@jest/globals';
import { MAX_PATH } from '@sferum/contracts';
import { parentChat, parentPerson, parentStep } from './parent-factory';
import { personProgress } from './person-progress';

const ID = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';
const CLASS_CHAT = '6a1e9a8b-7b62-4d4f-9e1c-8c4b0d2e3f44';
const SCHOOL_CHAT = '7b2f0b9c-8c73-4e5a-8f2d-9d5c1e3f4a55';

describe('personProgress', () => {
  it('counts the path’s steps and the chats as one more, and finds the step to do now', () => {
    const progress = personProgress(
      MAX_PATH,
      parentPerson({
        id: ID,
        kind: 'parent',
        displayName: 'Анна',
        steps: [
          parentStep('max_account', 'done'),
          parentStep('school_profile', 'blocked', { blockerReason: 'role_not_confirmed' }),
        ],
        chats: [parentChat(CLASS_CHAT, 'parents')],
      }),
    );
    expect(progress).toMatchObject({ done: 1, total: 3, blocked: 2, inClassChat: false });
    expect(progress.next).toMatchObject({ kind: 'step', number: 2 });
    expect(progress.items.map((item) => item.kind)).toEqual(['step', 'step', 'chats']);
  });

  it('puts the class chat first, is done only in every chat, and in the class chat by that chat alone', () => {
    const progress = personProgress(
      MAX_PATH,
      parentPerson({
        id: ID,
        kind: 'student',
        displayName: 'Петя',
        steps: [parentStep('max_account', 'done'), parentStep('school_profile', 'done')],
        chats: [
          { ...parentChat(SCHOOL_CHAT, 'all'), kind: 'school' },
          parentChat(CLASS_CHAT, 'students', { status: 'joined' }),
        ],
      }),
    );
    expect(progress).toMatchObject({ done: 2, total: 3, blocked: null, inClassChat: true });
    const chats = progress.next;
    expect(chats?.kind === 'chats' && chats.chats.map((chat) => chat.chatId)).toEqual([CLASS_CHAT, SCHOOL_CHAT]);
  });

  it('has nothing left for a person who has done it all, and no class chat to speak of without one', () => {
    const progress = personProgress(
      MAX_PATH,
      parentPerson({
        id: ID,
        kind: 'parent',
        displayName: 'Анна',
        steps: [parentStep('max_account', 'done'), parentStep('school_profile', 'done')],
      }),
    );
    expect(progress).toMatchObject({ next: null, done: 2, total: 2, inClassChat: null });
  });
});
