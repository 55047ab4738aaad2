import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, VK_PATH, type OnboardingPath } from '@sferum/contracts';
import {
  inSentence,
  missingItemTitle,
  optedOutFamilies,
  whomToRemind,
  type MissingItem,
  type ReminderPerson,
  type ReminderRoster,
} from './reminders';

const PARENTS_CHAT = 'chat-parents';
const STUDENTS_CHAT = 'chat-students';

function person(overrides: Partial<ReminderPerson> & Pick<ReminderPerson, 'id' | 'kind'>): ReminderPerson {
  return {
    displayName: overrides.id,
    archived: false,
    optedOut: false,
    steps: [
      { step: 'max_account', status: 'done' },
      { step: 'school_profile', status: 'done' },
    ],
    chats: [{ chatId: overrides.kind === 'parent' ? PARENTS_CHAT : STUDENTS_CHAT, status: 'joined' }],
    ...overrides,
  };
}

function roster(families: Array<ReminderPerson[]>): ReminderRoster {
  return {
    pathId: 'max',
    chats: [
      { id: PARENTS_CHAT, kind: 'class', audience: 'parents' },
      { id: STUDENTS_CHAT, kind: 'class', audience: 'students' },
      { id: 'chat-school', kind: 'school', audience: 'all' },
    ],
    families: families.map((people, index) => ({ id: `family-${index + 1}`, people })),
  };
}

/** What the reminder says a person misses, as the teacher reads it. */
function words(path: OnboardingPath, items: Array<string | null>, kind: ReminderPerson['kind']): string[] {
  return items.map((step) => {
    const item: MissingItem = step === null ? { classChat: true } : { step };
    return inSentence(missingItemTitle(path, item, kind)?.ru ?? String(step), 'ru');
  });
}

const CHAT: MissingItem = { classChat: true };

describe('whomToRemind', () => {
  it('leaves out a family where everyone is done and in their class chat', () => {
    expect(whomToRemind(roster([[person({ id: 'Петя', kind: 'student' })]]), MAX_PATH).size).toBe(0);
  });

  it('lists the steps of the path not done and a missing class chat, children before parents', () => {
    const result = whomToRemind(
      roster([
        [
          person({ id: 'Мама', kind: 'parent', chats: [] }),
          person({
            id: 'Петя',
            kind: 'student',
            steps: [
              { step: 'max_account', status: 'done' },
              { step: 'school_profile', status: 'blocked' },
            ],
            chats: [{ chatId: STUDENTS_CHAT, status: 'not_joined' }],
          }),
        ],
      ]),
      MAX_PATH,
    );
    expect(result.get('family-1')).toEqual([
      { name: 'Петя', kind: 'student', missing: [{ step: 'school_profile' }, CHAT] },
      { name: 'Мама', kind: 'parent', missing: [CHAT] },
    ]);
  });

  it('counts a step missing from the answer as not done', () => {
    const result = whomToRemind(
      roster([[person({ id: 'Петя', kind: 'student', steps: [{ step: 'max_account', status: 'done' }] })]]),
      MAX_PATH,
    );
    expect(result.get('family-1')?.[0]?.missing).toEqual([{ step: 'school_profile' }]);
  });

  it('does not ask for a class chat the class does not have for that kind of person', () => {
    const onlyParents: ReminderRoster = { ...roster([[person({ id: 'Петя', kind: 'student', chats: [] })]]) };
    onlyParents.chats = onlyParents.chats.filter((chat) => chat.id !== STUDENTS_CHAT);
    expect(whomToRemind(onlyParents, MAX_PATH).size).toBe(0);
  });

  it('skips whoever opted out and reminds only the rest of the family', () => {
    const result = whomToRemind(
      roster([
        [
          person({ id: 'Петя', kind: 'student', steps: [], chats: [] }),
          person({ id: 'Папа', kind: 'parent', optedOut: true, steps: [], chats: [] }),
        ],
      ]),
      MAX_PATH,
    );
    expect(result.get('family-1')?.map((entry) => entry.name)).toEqual(['Петя']);
  });

  it('leaves out a family where everyone opted out, and an archived person', () => {
    const refusing = [
      person({ id: 'Оля', kind: 'student', optedOut: true, steps: [], chats: [] }),
      person({ id: 'Мама Оли', kind: 'parent', optedOut: true, steps: [], chats: [] }),
    ];
    const gone = [person({ id: 'Ушёл', kind: 'student', archived: true, chats: [] })];
    const both = roster([refusing, gone]);
    expect(whomToRemind(both, MAX_PATH).size).toBe(0);
    expect([...optedOutFamilies(both)]).toEqual(['family-1']);
  });
});

describe('what a reminder names', () => {
  it('takes the titles of the school’s path, with no VK wording on a MAX school', () => {
    const student = words(MAX_PATH, ['max_account', 'school_profile', null], 'student');
    expect(student).toEqual(['аккаунт в MAX', 'школьный профиль в MAX', 'чат класса с учениками']);
    expect(words(MAX_PATH, [null], 'parent')).toEqual(['чат класса с родителями']);
    expect(student.join(' ')).not.toMatch(/VK|ВКонтакте/);
  });

  it('keeps a name that starts with an abbreviation as it is', () => {
    expect(words(VK_PATH, ['vk_id', 'sferum_profile', 'messenger', null], 'parent')).toEqual([
      'VK ID',
      'профиль Сферума',
      'VK Мессенджер',
      'чат класса',
    ]);
    expect(inSentence('A MAX account', 'en')).toBe('a MAX account');
  });
});
