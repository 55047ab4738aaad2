import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, VK_PATH, type ChatStatus, type OnboardingPath, type StepStatus } from '@sferum/contracts';
import { createTranslator } from 'next-intl';
import { MESSAGES } from '../../i18n/messages';
import {
  classChatMessage,
  deadlineAhead,
  inSentence,
  missingItemTitle,
  optedOutFamilies,
  presentFamilies,
  reminderLine,
  reminderMessage,
  whomToRemind,
  type FamilyReminder,
  type MissingItem,
  type ReminderPerson,
  type ReminderRoster,
} from './reminders';

const PARENTS_CHAT = 'chat-parents';
const step = (
  id: string,
  status: StepStatus,
  blockerReason: string | null = null,
  blockerNote: string | null = null,
) => ({
  step: id,
  status,
  blockerReason,
  blockerNote,
});
const chat = (chatId: string, status: ChatStatus, blockerReason: string | null = null) => ({
  chatId,
  status,
  blockerReason,
  blockerNote: null,
});
const STUDENTS_CHAT = 'chat-students';

function person(overrides: Partial<ReminderPerson> & Pick<ReminderPerson, 'id' | 'kind'>): ReminderPerson {
  return {
    displayName: overrides.id,
    archived: false,
    optedOut: false,
    steps: [step('max_account', 'done'), step('school_profile', 'done')],
    chats: [chat(overrides.kind === 'parent' ? PARENTS_CHAT : STUDENTS_CHAT, 'joined')],
    ...overrides,
  };
}

function roster(families: Array<ReminderPerson[]>): ReminderRoster {
  return {
    pathId: 'max',
    chats: [
      { id: PARENTS_CHAT, kind: 'class', audience: 'parents', inviteUrl: null },
      { id: STUDENTS_CHAT, kind: 'class', audience: 'students', inviteUrl: null },
      { id: 'chat-school', kind: 'school', audience: 'all', inviteUrl: null },
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
            steps: [step('max_account', 'done'), step('school_profile', 'blocked', 'number_mismatch')],
            chats: [chat(STUDENTS_CHAT, 'not_joined')],
          }),
        ],
      ]),
      MAX_PATH,
    );
    expect(result.get('family-1')).toEqual([
      {
        name: 'Петя',
        kind: 'student',
        missing: [{ step: 'school_profile', problem: { reason: 'number_mismatch', note: null } }, CHAT],
      },
      { name: 'Мама', kind: 'parent', missing: [CHAT] },
    ]);
  });

  it('counts a step missing from the answer as not done', () => {
    const result = whomToRemind(
      roster([[person({ id: 'Петя', kind: 'student', steps: [step('max_account', 'done')] })]]),
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

const ru = createTranslator({ locale: 'ru', messages: MESSAGES.ru, namespace: 'reminders' });
const en = createTranslator({ locale: 'en', messages: MESSAGES.en, namespace: 'reminders' });
const LINK = 'https://school.example/p/Tok3nTok3nTok3nTok3nTok3nTok3nTok3nTok3nTok';
const CODE = 'K7MQ-4XTD-9RZE';
const ADDRESS = 'https://school.example/p';
const advice = (id: string) => MAX_PATH.blockers.find((blocker) => blocker.id === id);

/** One family of the MAX class: the people as the roster has them, reminded with its own link. */
function reminderFor(
  people: ReminderPerson[],
  chats = roster([]).chats,
  deadline: string | null = null,
): FamilyReminder {
  const classRoster = { ...roster([people]), chats };
  return {
    path: MAX_PATH,
    people: whomToRemind(classRoster, MAX_PATH).get('family-1') ?? [],
    link: LINK,
    code: CODE,
    shortAddress: ADDRESS,
    chats,
    deadline,
  };
}

describe('the class’s deadline in a reminder', () => {
  it('is asked for while it is today or later, and left out once it has passed', () => {
    expect(deadlineAhead('2026-12-20', '2026-12-03')).toBe('2026-12-20');
    expect(deadlineAhead('2026-12-03', '2026-12-03')).toBe('2026-12-03');
    expect(deadlineAhead('2026-12-02', '2026-12-03')).toBeNull();
    expect(deadlineAhead(null, '2026-12-03')).toBeNull();
  });

  it('follows what is left, in the family’s message', () => {
    const parent = person({
      id: 'Соколова Дарья Андреевна',
      kind: 'parent',
      steps: [step('max_account', 'done'), step('school_profile', 'not_started')],
      chats: [],
    });
    const message = reminderMessage(ru, 'ru', reminderFor([parent], roster([]).chats, '2026-12-20'));
    expect(message).toMatch(
      /Что осталось:\n— Соколова Дарья Андреевна: [^\n]+\.\n\nПросим сделать это до 20 декабря\./,
    );
    expect(reminderMessage(ru, 'ru', reminderFor([parent]))).not.toContain('Просим');
  });
});

describe('a family’s reminder', () => {
  const stuckParent = person({
    id: 'Соколова Дарья Андреевна',
    kind: 'parent',
    steps: [step('max_account', 'done'), step('school_profile', 'blocked', 'role_not_confirmed')],
    chats: [],
  });
  const child = person({ id: 'Соколов Тимофей', kind: 'student' });

  it('says what is left for whom, the reported problem with its advice, and the family’s own link and code', () => {
    const message = reminderMessage(ru, 'ru', reminderFor([child, stuckParent]));
    expect(message).toContain(
      'Что осталось:\n— Соколова Дарья Андреевна: школьный профиль в MAX и чат класса с родителями.',
    );
    expect(message).toContain(
      `Вы сообщили: «Школа ещё не подтвердила роль» (Соколова Дарья Андреевна — школьный профиль в MAX). ${advice('role_not_confirmed')?.parentAdvice.ru}`,
    );
    expect(message).toContain(LINK);
    expect(message).toContain(`откройте ${ADDRESS} и введите код ${CODE}.`);
    // The child has done everything: not named, not asked for anything.
    expect(message).not.toContain('Соколов Тимофей');
    expect(message).toMatch(/^Здравствуйте! Школа подключает учеников и родителей к Сферуму в MAX\./);
    expect(message).toContain('Если вы не хотите пользоваться MAX, просто ответьте на это сообщение');
  });

  it('asks for nothing more than a family misses: no problem paragraph without a reported problem', () => {
    const message = reminderMessage(
      ru,
      'ru',
      reminderFor([person({ id: 'Петя', kind: 'student', steps: [step('max_account', 'done')] })]),
    );
    expect(message).toContain('— Петя: школьный профиль в MAX.');
    expect(message).not.toMatch(/Вы сообщили|Вы написали/);
  });

  it('gives one reason’s advice once when two people of the family report it', () => {
    const shared = [step('max_account', 'blocked', 'shared_phone')];
    const message = reminderMessage(
      ru,
      'ru',
      reminderFor([
        person({ id: 'Оля', kind: 'student', steps: shared }),
        person({ id: 'Мама Оли', kind: 'parent', steps: shared }),
      ]),
    );
    const text = advice('shared_phone')?.parentAdvice.ru ?? '';
    expect(message.split(text)).toHaveLength(2);
    expect(message).toContain('(Оля — аккаунт в MAX; Мама Оли — аккаунт в MAX)');
  });

  it('quotes the family’s own words for "something else", and asks for them when there are none', () => {
    const noted = reminderMessage(
      ru,
      'ru',
      reminderFor([
        person({ id: 'Папа', kind: 'parent', steps: [step('max_account', 'blocked', 'other', 'Не приходит СМС')] }),
      ]),
    );
    expect(noted).toContain('Вы написали: «Не приходит СМС» (Папа — аккаунт в MAX).');
    expect(noted).not.toContain('Другое');
    const bare = reminderMessage(
      ru,
      'ru',
      reminderFor([person({ id: 'Папа', kind: 'parent', steps: [step('max_account', 'blocked')] })]),
    );
    expect(bare).toContain('Вы сообщили, что не получается: Папа — аккаунт в MAX.');
  });

  it('gives the chat invitation to whoever misses their class chat, to open on the right phone', () => {
    const chats = roster([]).chats.map((entry) =>
      entry.kind === 'class' ? { ...entry, inviteUrl: `https://max.ru/join/${entry.audience}` } : entry,
    );
    const message = reminderMessage(
      ru,
      'ru',
      reminderFor(
        [person({ id: 'Петя', kind: 'student', chats: [chat(STUDENTS_CHAT, 'blocked', 'chat_missing')] }), child],
        chats,
      ),
    );
    expect(message).toContain(
      'Приглашение в чат класса с учениками — откройте его на телефоне ребёнка: https://max.ru/join/students',
    );
    expect(message).toContain(advice('chat_missing')?.parentAdvice.ru);
    expect(message).not.toContain('https://max.ru/join/parents');
  });

  it('reads in English on an English page', () => {
    const message = reminderMessage(en, 'en', reminderFor([stuckParent]));
    expect(message).toContain('Still to do:\n— Соколова Дарья Андреевна: the school profile in MAX and the class chat');
    expect(message).toContain(advice('role_not_confirmed')?.parentAdvice.en);
    expect(message).not.toMatch(/Здравствуйте|Осталось|Вы сообщили/);
  });
});

describe('a family’s line in the list', () => {
  it('names what is missing in a few words, the class chats once, and the first problem', () => {
    const people =
      whomToRemind(
        roster([
          [
            person({
              id: 'Петя',
              kind: 'student',
              steps: [step('max_account', 'blocked', 'shared_phone'), step('school_profile', 'not_started')],
              chats: [],
            }),
            person({ id: 'Мама', kind: 'parent', steps: [step('max_account', 'blocked', 'no_smartphone')], chats: [] }),
          ],
        ]),
        MAX_PATH,
      ).get('family-1') ?? [];
    expect(reminderLine(ru, 'ru', MAX_PATH, people)).toEqual({
      missing: 'Не сделано: аккаунт в MAX, школьный профиль в MAX, чат класса',
      problem: 'Не получается: Один номер на двоих и ещё 1',
    });
  });

  it('has no problem part when nobody reported one', () => {
    const people = whomToRemind(roster([[person({ id: 'Мама', kind: 'parent', chats: [] })]]), MAX_PATH).get(
      'family-1',
    );
    expect(reminderLine(ru, 'ru', MAX_PATH, people ?? [])).toEqual({
      missing: 'Не сделано: чат класса',
      problem: null,
    });
  });
});

describe('the message for the class chat', () => {
  it('has the steps, the pitfalls and where to type a code, but no personal link and no name', () => {
    const message = classChatMessage(ru, 'ru', MAX_PATH, ADDRESS, null);
    expect(message).toContain('аккаунт в MAX и школьный профиль в MAX, затем чат класса');
    for (const pitfall of MAX_PATH.pitfalls) expect(message).toContain(pitfall.ru);
    expect(message).toContain(
      `Ссылку или код семьи попросите у классного руководителя; код вводится на странице ${ADDRESS}.`,
    );
    expect(message).not.toMatch(/\/p\/[A-Za-z0-9_-]{20,}/);
    expect(message).not.toContain(CODE);
    // Nobody answers a reminder in front of the whole class.
    expect(message).not.toContain('ответьте на это сообщение');
    expect(message).toContain('скажите об этом классному руководителю');
  });

  it('asks to connect by the class’s deadline, when it has one', () => {
    expect(classChatMessage(ru, 'ru', MAX_PATH, ADDRESS, '2026-12-20')).toContain(
      'затем чат класса. Просим подключиться до 20 декабря.',
    );
    expect(classChatMessage(ru, 'ru', MAX_PATH, ADDRESS, null)).not.toContain('Просим');
  });

  it('speaks of the school’s own path', () => {
    expect(classChatMessage(ru, 'ru', VK_PATH, ADDRESS, null)).toContain('VK ID');
    expect(classChatMessage(ru, 'ru', MAX_PATH, ADDRESS, null)).not.toContain('VK');
  });
});

describe('the empty states', () => {
  it('tells an empty class from one where everyone is done', () => {
    expect(presentFamilies(roster([]))).toBe(0);
    expect(presentFamilies(roster([[person({ id: 'Ушёл', kind: 'student', archived: true })]]))).toBe(0);
    expect(presentFamilies(roster([[person({ id: 'Петя', kind: 'student' })]]))).toBe(1);
  });

  it('counts families without a link and the buttons for one and for many', () => {
    expect(ru('withoutLinks', { count: 1 })).toBe(
      'У одной семьи ещё нет ссылки: без неё напоминание не отправить. Сначала выдайте ссылку.',
    );
    expect(ru('withoutLinks', { count: 21 })).toBe(
      'У 21 семьи ещё нет ссылки: без неё напоминание не отправить. Сначала выдайте ссылки.',
    );
    expect(ru('withoutLinks', { count: 5 })).toBe(
      'У 5 семей ещё нет ссылки: без неё напоминание не отправить. Сначала выдайте ссылки.',
    );
    expect(ru('issueLinks', { count: 1 })).toBe('Выдать ссылку');
    expect(ru('issueLinks', { count: 21 })).toBe('Выдать ссылки');
  });
});
