import { describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { MAX_PATH, VK_PATH, type ParentChat } from '@sferum/contracts';
import ru from '../../../messages/parent.ru.json';
import { escapeHtml } from './html';
import { parentChat, parentFamily, parentPerson, parentStep } from './parent-factory';
import { renderFamilyPage, renderMessagePage } from './parent-page';
import { at } from '../../testing/at';

const CHILD = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';
const MOTHER = '1c8d6c4f-3e2b-4d6a-8b62-2a8a4a1fab22';
const STUDENTS_CHAT = '5f0d8f7a-6a51-4c3e-8d0b-7b3a9c1d2e33';
const PARENTS_CHAT = '6a1e9a8b-7b62-4d4f-9e1c-8c4b0d2e3f44';

const p = ru.parentPage;
const has = (page: string, text: string) => expect(page).toContain(escapeHtml(text));

const step = parentStep;
const chat = parentChat;
const person = parentPerson;
const family = parentFamily;

const mother = person({
  id: MOTHER,
  kind: 'parent',
  displayName: 'Анна <b>Иванова</b>',
  steps: [
    step('max_account', 'done', { markedBy: 'school' }),
    step('school_profile', 'blocked', { blockerReason: 'role_not_confirmed' }),
  ],
  chats: [chat(PARENTS_CHAT, 'parents')],
});
const child = person({
  id: CHILD,
  kind: 'student',
  displayName: 'Петя Иванов',
  chats: [
    { ...chat('7b2f0b9c-8c73-4e5a-8f2d-9d5c1e3f4a55', 'all'), kind: 'school' },
    { ...chat('8c3a1cad-9d84-4f6b-9a3e-ae6d2f4a5b66', 'students'), kind: 'subject', name: 'Математика' },
    chat(STUDENTS_CHAT, 'students'),
  ],
});
const maxFamily = family([mother, child], {
  stepNotes: { school_profile: 'Роль подтверждает администратор Сферума Ирина Петровна, каб. 12' },
});

describe('renderFamilyPage', () => {
  const page = renderFamilyPage('ru', maxFamily, null);

  it('shows the school, the child before the parent, and says that it is voluntary', () => {
    has(page, 'Школа: Школа № 7');
    expect(page.indexOf('Петя Иванов')).toBeLessThan(page.indexOf('Анна'));
    // Neutral: the page does not know whether the student is a boy or a girl.
    expect(page).toContain('<span class="role">5А класс</span>');
    expect(page).not.toContain('Ученик');
    has(page, p.voluntary.title);
    has(page, p.voluntary.text.replace('{app}', 'MAX'));
  });

  it('takes the steps, the how-to for each kind of person, hints and links from the path', () => {
    const [account, profile] = [at(MAX_PATH.steps, 0), at(MAX_PATH.steps, 1)];
    has(page, account.title.ru);
    has(page, account.howTo.student.ru);
    has(page, account.howTo.parent.ru);
    has(page, at(profile.hints.parent, 1).ru);
    expect(page).toContain('<a href="https://web.max.ru/" rel="noopener noreferrer">');
    has(page, at(account.links, 1).label.ru);
    has(page, MAX_PATH.chats.howTo.student.ru);
  });

  it('prints the path’s pitfalls, the parent’s invitation on the parent’s phone and the child’s on the child’s', () => {
    for (const pitfall of MAX_PATH.pitfalls) has(page, pitfall.ru);
    expect(page).not.toContain('Не открывайте приглашение ребёнка');
  });

  it('shows the school’s note under its step', () => {
    const note = escapeHtml(maxFamily.stepNotes.school_profile ?? '');
    const profile = page.indexOf(`id="i-${MOTHER}-school_profile"`);
    const at = page.indexOf(note, profile);
    expect(at).toBeGreaterThan(profile);
    expect(at).toBeLessThan(page.indexOf(`id="i-${MOTHER}-${PARENTS_CHAT}"`));
    expect(page.indexOf(note)).toBeGreaterThan(page.indexOf(`id="i-${CHILD}-school_profile"`));
    has(page, p.schoolNote);
  });

  it('names the class chats by audience and orders them as the path does', () => {
    const mine = page.slice(page.indexOf(`id="p-${CHILD}"`), page.indexOf(`id="p-${MOTHER}"`));
    const classChat = mine.indexOf(escapeHtml('Чат класса с учениками'));
    expect(classChat).toBeGreaterThan(0);
    expect(mine.indexOf(escapeHtml('Чат предмета «Математика»'))).toBeGreaterThan(classChat);
    expect(mine.indexOf(escapeHtml('Общешкольный чат'))).toBeGreaterThan(mine.indexOf('Математика'));
    has(page, 'Чат класса с родителями');
  });

  it('escapes names typed by the teacher', () => {
    expect(page).toContain('Анна &lt;b&gt;Иванова&lt;/b&gt;');
    expect(page).not.toContain('<b>Иванова</b>');
  });

  it('shows what the school marked, without buttons for it', () => {
    const account = page.slice(
      page.indexOf(`id="i-${MOTHER}-max_account"`),
      page.indexOf(`id="i-${MOTHER}-school_profile"`),
    );
    expect(account).toContain(p.status.byTeacher);
    expect(account).not.toContain('<form');
  });

  it('offers only the step’s own reasons, with the parent’s advice, and keeps the chosen one', () => {
    const profile = page.slice(
      page.indexOf(`id="i-${MOTHER}-school_profile"`),
      page.indexOf(`id="i-${MOTHER}-${PARENTS_CHAT}"`),
    );
    has(profile, MAX_PATH.blockers.find((b) => b.id === 'role_not_confirmed')?.parentAdvice.ru ?? '');
    expect(profile).toMatch(/value="role_not_confirmed" required checked/);
    expect(profile).toContain('value="number_mismatch"');
    expect(profile).not.toContain('value="shared_phone"');
    expect(page).not.toContain('refuses_sferum');
  });

  it('has plain post forms and no script', () => {
    expect(page).toContain('<form method="post">');
    expect(page).toContain(`name="item" value="chat:${STUDENTS_CHAT}"`);
    expect(page).toContain(`name="item" value="step:max_account"`);
    expect(page).not.toContain('<script');
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('says «Сохранено» at the item a post was about', () => {
    const saved = renderFamilyPage('ru', maxFamily, { kind: 'saved', anchor: `i-${CHILD}-max_account` });
    const item = saved.slice(saved.indexOf(`id="i-${CHILD}-max_account"`));
    expect(item.indexOf(p.saved)).toBeGreaterThan(0);
    expect(item.indexOf(p.saved)).toBeLessThan(item.indexOf(`id="i-${CHILD}-school_profile"`));
  });

  it('opens the problem form again when a reason was missing', () => {
    const again = renderFamilyPage('ru', maxFamily, { kind: 'reason', anchor: `i-${CHILD}-max_account` });
    const item = again.slice(
      again.indexOf(`id="i-${CHILD}-max_account"`),
      again.indexOf(`id="i-${CHILD}-school_profile"`),
    );
    expect(item).toContain('<details open>');
    has(item, p.errors.reason);
  });

  it('renders the VK path’s own steps for a school still on it', () => {
    const vk = family(
      [person({ id: CHILD, kind: 'student', displayName: 'Петя', steps: VK_PATH.steps.map((s) => step(s.id)) })],
      {
        pathId: 'vk',
      },
    );
    const vkPage = renderFamilyPage('ru', vk, null);
    has(vkPage, at(VK_PATH.steps, 0).howTo.student.ru);
    has(vkPage, p.voluntary.text.replace('{app}', 'VK Мессенджер'));
    expect(vkPage).not.toContain('max_account');
  });

  it('speaks English with the path’s English texts', () => {
    const en = renderFamilyPage('en', maxFamily, null);
    expect(en).toContain('<html lang="en">');
    has(en, at(MAX_PATH.steps, 0).howTo.parent.en);
    has(en, 'The class chat with parents');
  });
});

describe('what the school adds', () => {
  const withInvites = family(
    [
      person({
        id: CHILD,
        kind: 'student',
        displayName: 'Петя',
        chats: [chat(STUDENTS_CHAT, 'students', { inviteUrl: 'https://max.ru/join/abc' })],
      }),
      person({
        id: MOTHER,
        kind: 'parent',
        displayName: 'Анна',
        chats: [chat(PARENTS_CHAT, 'parents', { inviteUrl: 'javascript:alert(1)' })],
      }),
    ],
    {
      classes: [
        {
          className: '5А',
          teachers: ['Мария Ивановна Петрова'],
          parentContact: 'Пишите в MAX: +7 900 000-00-00',
          deadline: '2026-09-15',
        },
      ],
    },
  );
  const page = renderFamilyPage('ru', withInvites, null);

  it('shows the class teacher, how to reach them and the deadline', () => {
    has(page, '5А класс');
    has(page, 'Классный руководитель: Мария Ивановна Петрова');
    has(page, 'Как связаться: Пишите в MAX: +7 900 000-00-00');
    has(page, 'Вступить в чаты класса — до 15 сентября 2026');
  });

  it('links the chat’s invitation, saying on whose phone to open it, and only an https one', () => {
    expect(page).toContain('<a href="https://max.ru/join/abc" rel="noopener noreferrer">');
    has(page, p.chat.inviteDevice.student);
    expect(page).not.toContain('javascript:');
  });

  it('sends back what the page showed of each item, so a change by the school is not overwritten unseen', () => {
    const profile = renderFamilyPage('ru', maxFamily, null);
    const item = profile.slice(
      profile.indexOf(`id="i-${MOTHER}-school_profile"`),
      profile.indexOf(`id="i-${MOTHER}-${PARENTS_CHAT}"`),
    );
    expect(item).toContain('name="seen_status" value="blocked"');
    expect(item).toContain('name="seen_at" value="2026-11-20T09:00:00.000Z"');
  });

  it('says so at the item when the school changed it meanwhile', () => {
    const changed = renderFamilyPage('ru', maxFamily, { kind: 'changed', anchor: `i-${CHILD}-max_account` });
    const item = changed.slice(
      changed.indexOf(`id="i-${CHILD}-max_account"`),
      changed.indexOf(`id="i-${CHILD}-school_profile"`),
    );
    has(item, p.errors.changed);
  });
});

describe('the opt-out forms', () => {
  const page = renderFamilyPage('ru', maxFamily, null);

  it('offers each person «Не будем пользоваться» with the channels the school can use instead', () => {
    const mine = page.slice(page.indexOf(`id="o-${CHILD}"`), page.indexOf(`id="p-${MOTHER}"`));
    has(mine, p.optOut.open);
    expect(mine).toContain(`<input type="hidden" name="person" value="${CHILD}">`);
    for (const channel of ['e_diary', 'paper', 'phone', 'other'])
      expect(mine).toContain(`name="channel" value="${channel}" required`);
    has(mine, p.optOut.channels.paper);
    expect(mine).toContain('name="action" value="opt_out"');
    expect(mine).toContain('<summary class="neutral">');
  });

  it('offers the whole family the same at the bottom', () => {
    const bottom = page.slice(page.indexOf('id="o-family"'));
    has(bottom, p.optOut.familyTitle);
    expect(bottom).toContain('<input type="hidden" name="scope" value="family">');
    expect(bottom).toContain('name="action" value="opt_out"');
  });

  const optedOut = family([
    {
      ...child,
      optOut: { channel: 'other', note: 'Звонить бабушке', at: '2026-11-20T10:00:00.000Z', source: 'parent_link' },
    },
    mother,
  ]);
  const outPage = renderFamilyPage('ru', optedOut, null);

  it('shows an opted-out person that state, the channel, and the way back, without their steps', () => {
    const mine = outPage.slice(outPage.indexOf(`id="p-${CHILD}"`), outPage.indexOf(`id="p-${MOTHER}"`));
    has(mine, p.optOut.state);
    has(mine, 'Новости от школы: Звонить бабушке');
    expect(mine).toContain('name="action" value="opt_in"');
    has(mine, p.optOut.back);
    expect(mine).not.toContain(`id="i-${CHILD}-max_account"`);
    expect(mine).not.toContain('class="state bad"');
    expect(outPage).toContain(`id="i-${MOTHER}-max_account"`);
  });

  it('lets the whole family come back once everyone has opted out', () => {
    const out = {
      channel: 'e_diary' as const,
      note: null,
      at: '2026-11-20T10:00:00.000Z',
      source: 'parent_link' as const,
    };
    const allOut = renderFamilyPage(
      'ru',
      family([
        { ...child, optOut: out },
        { ...mother, optOut: out },
      ]),
      null,
    );
    const bottom = allOut.slice(allOut.indexOf('id="o-family"'));
    has(bottom, p.optOut.familyState);
    has(bottom, p.optOut.familyBack);
    has(allOut, 'Новости от школы: Электронный дневник');
  });

  it('opens the form again, with «Другое» chosen, when its note was missing', () => {
    const again = renderFamilyPage('ru', maxFamily, { kind: 'note', anchor: `o-${CHILD}`, channel: 'other' });
    const mine = again.slice(again.indexOf(`id="o-${CHILD}"`), again.indexOf(`id="p-${MOTHER}"`));
    expect(mine).toContain('<details open>');
    expect(mine).toContain('name="channel" value="other" required checked');
    has(mine, p.errors.note);
  });

  it('explains a refused change of an opted-out person at their opt-out, not at the steps no longer shown', () => {
    const refused = renderFamilyPage('ru', optedOut, { kind: 'optedOut', anchor: `i-${CHILD}-max_account` });
    const mine = refused.slice(refused.indexOf(`id="o-${CHILD}"`), refused.indexOf(`id="p-${MOTHER}"`));
    has(mine, p.errors.optedOut);
    expect(refused).not.toContain(escapeHtml(p.errors.order));
  });

  it('says «Сохранено» at the top after the whole family comes back', () => {
    const back = renderFamilyPage('ru', maxFamily, { kind: 'saved', anchor: 'top' });
    expect(back.indexOf(p.saved)).toBeLessThan(back.indexOf(`id="p-${CHILD}"`));
  });
});

describe('renderMessagePage', () => {
  it('gives an unknown link the friendly text', () => {
    expect(renderMessagePage('ru', 'notFound')).toContain(escapeHtml(p.notFound.text));
  });
});

describe('a page that leads', () => {
  const page = renderFamilyPage('ru', maxFamily, null);
  const summary = page.slice(
    page.indexOf('<ul class="summary"'),
    page.indexOf('</ul>', page.indexOf('<ul class="summary"')),
  );

  it('says at the top, one line per person, how far each is and whether they are in their class chat', () => {
    expect(summary).toContain(`<a href="#p-${CHILD}">Петя Иванов</a>: 0 из 3 шагов, чат класса — нет</li>`);
    expect(summary).toContain(
      `<a href="#p-${MOTHER}">Анна &lt;b&gt;Иванова&lt;/b&gt;</a>: 1 из 3 шагов, шаг 2 не получается, чат класса — нет</li>`,
    );
    expect(summary.indexOf(CHILD)).toBeLessThan(summary.indexOf(MOTHER));
    expect(page.indexOf('class="summary"')).toBeLessThan(page.indexOf(`id="p-${CHILD}"`));
  });

  it('counts a person in every chat as done, and one who does not use the app apart', () => {
    const joined = (c: ParentChat): ParentChat => ({
      ...c,
      status: 'joined',
      markedBy: 'parent',
      updatedAt: '2026-11-20T09:00:00.000Z',
    });
    const done = family([
      {
        ...child,
        steps: [step('max_account', 'done'), step('school_profile', 'done')],
        chats: child.chats.map(joined),
      },
      { ...mother, optOut: { channel: 'paper', note: null, at: '2026-11-20T10:00:00.000Z', source: 'parent_link' } },
    ]);
    const top = renderFamilyPage('ru', done, null);
    expect(top).toContain(`<li class="ok"><a href="#p-${CHILD}">Петя Иванов</a>: 3 из 3 шагов, чат класса — да</li>`);
    expect(top).toContain('Иванова&lt;/b&gt;</a>: не пользуется MAX</li>');
    const vk = family(
      [
        {
          ...child,
          steps: VK_PATH.steps.map((s) => step(s.id)),
          chats: [],
          optOut: { channel: 'phone', note: null, at: '2026-11-20T10:00:00.000Z', source: 'teacher' },
        },
      ],
      {
        pathId: 'vk',
      },
    );
    expect(renderFamilyPage('ru', vk, null)).toContain('Петя Иванов</a>: не пользуется VK Мессенджером</li>');
  });

  it('opens each person’s next step and folds the done and the later ones', () => {
    const mine = page.slice(page.indexOf(`id="p-${MOTHER}"`));
    const account = mine.slice(
      mine.indexOf(`id="i-${MOTHER}-max_account"`),
      mine.indexOf(`id="i-${MOTHER}-school_profile"`),
    );
    expect(account).toContain('<details class="fold">');
    expect(account).toMatch(
      /<summary><span class="num" aria-hidden="true">✓<\/span><span>Аккаунт в MAX<span class="by"> — сделано<\/span>/,
    );
    expect(mine).toMatch(new RegExp(`<li class="step is-next" id="i-${MOTHER}-school_profile"><h3>`));
    const chats = mine.slice(mine.indexOf('<li class="step"'));
    expect(chats).toMatch(
      /^<li class="step"><details class="fold"><summary><span class="num" aria-hidden="true">3<\/span><span>Чаты<\/span><\/summary>/,
    );
    const childPart = page.slice(page.indexOf(`id="p-${CHILD}"`), page.indexOf(`id="p-${MOTHER}"`));
    expect(childPart).toMatch(new RegExp(`<li class="step is-next" id="i-${CHILD}-max_account">`));
    expect(childPart).toMatch(new RegExp(`<li class="step" id="i-${CHILD}-school_profile"><details class="fold">`));
  });

  it('puts the first button of the page at the first person’s next step, before the hints', () => {
    const first = page.indexOf('<button');
    expect(first).toBeGreaterThan(page.indexOf(`id="i-${CHILD}-max_account"`));
    expect(first).toBeLessThan(page.indexOf('class="hints"'));
    expect(page.slice(0, first)).not.toContain('<details');
    expect(page.slice(first, page.indexOf('</button>', first))).toContain(
      `Готово<span class="vh">: Аккаунт в MAX, Петя Иванов</span>`,
    );
  });

  it('folds the pitfalls under one line, after the people, with the class teacher and the deadline', () => {
    expect(page).toContain(`<details class="box"><summary>${p.pitfalls.title}</summary><ul>`);
    expect(page.indexOf('class="box"')).toBeGreaterThan(page.indexOf(`id="p-${MOTHER}"`));
    expect(page.indexOf('id="free"')).toBeGreaterThan(page.indexOf('class="box"'));
    has(page, p.voluntary.short);
    expect(page).toContain(`<a href="#free">${p.voluntary.shortLink}</a>`);
  });

  it('says «отметили в школе», not who at the school', () => {
    has(page, 'отметили в школе');
    expect(page).not.toContain('отметил ');
  });

  it('keeps «Сохранено» in sight above a step that the post folded, and opens a folded step for an error', () => {
    const saved = renderFamilyPage('ru', maxFamily, { kind: 'saved', anchor: `i-${MOTHER}-max_account` });
    const item = saved.slice(saved.indexOf(`id="i-${MOTHER}-max_account"`));
    expect(item.indexOf(p.saved)).toBeLessThan(item.indexOf('<details class="fold">'));
    const failed = renderFamilyPage('ru', maxFamily, { kind: 'order', anchor: `i-${MOTHER}-max_account` });
    expect(failed.slice(failed.indexOf(`id="i-${MOTHER}-max_account"`))).toMatch(/^[^]*?<details class="fold" open>/);
  });

  it('opens the folded chats for a notice at one of them, «Сохранено» too', () => {
    const saved = renderFamilyPage('ru', maxFamily, { kind: 'saved', anchor: `i-${MOTHER}-${PARENTS_CHAT}` });
    const mine = saved.slice(saved.indexOf(`id="p-${MOTHER}"`));
    const chats = mine.slice(mine.indexOf('<li class="step"'));
    expect(chats).toMatch(/^<li class="step"><details class="fold" open>/);
    expect(chats.indexOf(p.saved)).toBeGreaterThan(chats.indexOf(`id="i-${MOTHER}-${PARENTS_CHAT}"`));
  });

  it('stays under 15 KB gzip for a family of four', () => {
    const big = family([
      child,
      { ...child, id: '9d4b2dbe-0e95-4a7c-8b4f-bf7e3a5b6c77', displayName: 'Маша Иванова' },
      mother,
      { ...mother, id: 'ae5c3ecf-1fa6-4b8d-9c5a-c08f4b6c7d88' },
    ]);
    expect(gzipSync(renderFamilyPage('ru', big, null)).length).toBeLessThan(15_000);
  });
});

describe('«Вступить в чат»', () => {
  const invited = family([
    person({
      id: MOTHER,
      kind: 'parent',
      displayName: 'Анна',
      steps: [step('max_account', 'done'), step('school_profile', 'done')],
      chats: [chat(PARENTS_CHAT, 'parents', { inviteUrl: 'https://max.ru/join/parents-5a' })],
    }),
  ]);

  it('is a button-styled link for a chat not joined yet, with the device note, at the open chats step', () => {
    const page = renderFamilyPage('ru', invited, null);
    expect(page).toContain(
      `<p class="join"><a href="https://max.ru/join/parents-5a" rel="noopener noreferrer">${p.chat.invite}<span class="vh">: Чат класса с родителями</span></a><small>${escapeHtml(p.chat.inviteDevice.parent)}</small></p>`,
    );
    expect(page).toMatch(/<li class="step is-next"><h3><span class="num" aria-hidden="true">3<\/span>Чаты<\/h3>/);
  });

  it('says that an invitation waits in a folded chats step, and is gone once the chat is joined', () => {
    const early = renderFamilyPage(
      'ru',
      family([{ ...at(invited.people, 0), steps: [step('max_account'), step('school_profile')] }]),
      null,
    );
    expect(early).toContain(`<span>Чаты<span class="by"> — ${p.steps.invite}</span></span>`);
    const joined = renderFamilyPage(
      'ru',
      family([
        {
          ...at(invited.people, 0),
          chats: [chat(PARENTS_CHAT, 'parents', { inviteUrl: 'https://max.ru/join/parents-5a', status: 'joined' })],
        },
      ]),
      null,
    );
    expect(joined).not.toContain('class="join"');
  });
});

describe('a mark the school changed while the page was open', () => {
  const byTeacher = family([
    {
      ...mother,
      steps: [
        step('max_account', 'done', { markedBy: 'school' }),
        step('school_profile', 'blocked', { blockerReason: 'role_not_confirmed', markedBy: 'school' }),
      ],
    },
  ]);
  const at = `i-${MOTHER}-school_profile`;
  const item = (page: string) =>
    page.slice(page.indexOf(`id="${at}"`), page.indexOf('class="optout-form"', page.indexOf(`id="${at}"`)));

  it('shows what the school marked and offers the parent’s own choice again, without `seen`', () => {
    const page = item(renderFamilyPage('ru', byTeacher, { kind: 'changed', anchor: at, retry: { action: 'done' } }));
    has(page, p.errors.changed);
    has(page, 'Сейчас отмечено: не получается (Школа ещё не подтвердила роль).');
    const retry = page.slice(
      page.indexOf('<form method="post" class="retry">'),
      page.indexOf('</form>', page.indexOf('class="retry"')),
    );
    expect(retry).toContain('<input type="hidden" name="item" value="step:school_profile">');
    expect(retry).toContain('<button name="action" value="done">Всё равно отметить: сделано<span class="vh">');
    expect(retry).not.toContain('seen_');
  });

  it('offers a blocker again with its reason', () => {
    const done = family([
      { ...mother, steps: [step('max_account', 'done'), step('school_profile', 'done', { markedBy: 'school' })] },
    ]);
    const page = item(
      renderFamilyPage('ru', done, {
        kind: 'changed',
        anchor: at,
        retry: { action: 'blocked', reason: 'role_not_confirmed' },
      }),
    );
    has(page, 'Сейчас отмечено: сделано.');
    expect(page).toContain(
      '<input type="hidden" name="reason" value="role_not_confirmed"><button name="action" value="blocked">',
    );
    has(page, 'Всё равно отметить: не получается (Школа ещё не подтвердила роль)');
    // Done by the school and folded: open, so what it marked is in sight.
    expect(page).toContain('<details class="fold" open>');
  });

  it('offers nothing that the item cannot take or that is marked already', () => {
    const wrongReason = renderFamilyPage('ru', byTeacher, {
      kind: 'changed',
      anchor: at,
      retry: { action: 'blocked', reason: 'shared_phone' },
    });
    expect(wrongReason).not.toContain('class="retry"');
    const same = renderFamilyPage('ru', byTeacher, {
      kind: 'changed',
      anchor: at,
      retry: { action: 'blocked', reason: 'role_not_confirmed' },
    });
    expect(same).not.toContain('class="retry"');
    has(same, p.errors.changed);
  });

  it('names a chat’s marks as a chat’s', () => {
    const withChat = family([
      {
        ...mother,
        chats: [
          chat(PARENTS_CHAT, 'parents', {
            status: 'joined',
            markedBy: 'school',
            updatedAt: '2026-11-21T09:00:00.000Z',
          }),
        ],
      },
    ]);
    const page = renderFamilyPage('ru', withChat, {
      kind: 'changed',
      anchor: `i-${MOTHER}-${PARENTS_CHAT}`,
      retry: { action: 'undo' },
    });
    has(page, 'Сейчас отмечено: в чате.');
    has(page, 'Всё равно отметить: не в чате');
  });
});
