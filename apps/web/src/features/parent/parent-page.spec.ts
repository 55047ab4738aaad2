import { describe, expect, it } from '@jest/globals';
import type { ParentFamily } from '@sferum/contracts';
import ru from '../../../messages/parent.ru.json';
import { escapeHtml } from './html';
import { renderFamilyPage, renderMessagePage } from './parent-page';

const CHILD = '0b7c5b3e-2d1a-4c59-9a51-1f7f3f0e9a11';
const MOTHER = '1c8d6c4f-3e2b-4d6a-8b62-2a8a4a1fab22';
const CLASS_CHAT = '5f0d8f7a-6a51-4c3e-8d0b-7b3a9c1d2e33';

const family: ParentFamily = {
  schoolName: 'Школа № 7',
  messenger: 'max',
  expiresAt: '2027-08-31T20:59:00.000Z',
  people: [
    {
      id: MOTHER,
      kind: 'parent',
      displayName: 'Анна <b>Иванова</b>',
      className: null,
      steps: [
        { step: 'vk_id', status: 'done', blockerReason: null, blockerNote: null, markedBy: 'school' },
        { step: 'sferum_profile', status: 'blocked', blockerReason: 'forgot_password', blockerNote: null, markedBy: 'parent' },
        { step: 'messenger', status: 'not_started', blockerReason: null, blockerNote: null, markedBy: null },
      ],
      chats: [],
    },
    {
      id: CHILD,
      kind: 'student',
      displayName: 'Петя Иванов',
      className: '5А',
      steps: [
        { step: 'vk_id', status: 'not_started', blockerReason: null, blockerNote: null, markedBy: null },
        { step: 'sferum_profile', status: 'not_started', blockerReason: null, blockerNote: null, markedBy: null },
        { step: 'messenger', status: 'not_started', blockerReason: null, blockerNote: null, markedBy: null },
      ],
      chats: [{ chatId: CLASS_CHAT, kind: 'class', name: null, status: 'not_joined', blockerReason: null, blockerNote: null }],
    },
  ],
};

describe('renderFamilyPage', () => {
  const page = renderFamilyPage('ru', family, null);

  it('shows the school, the pitfalls and the child before the parent', () => {
    expect(page).toContain(escapeHtml('Школа: Школа № 7'));
    expect(page).toContain(escapeHtml(ru.parentPage.pitfalls.ownDevice));
    expect(page.indexOf('Петя Иванов')).toBeLessThan(page.indexOf('Анна'));
    expect(page).toContain('Ученик, 5А класс');
  });

  it('escapes names typed by the teacher', () => {
    expect(page).toContain('Анна &lt;b&gt;Иванова&lt;/b&gt;');
    expect(page).not.toContain('<b>Иванова</b>');
  });

  it('names the school’s messenger and shows what the school marked, without buttons for it', () => {
    expect(page).toContain(escapeHtml(ru.parentPage.steps.messenger.max.text));
    expect(page).toContain(ru.parentPage.status.byTeacher);
  });

  it('shows a blocker with its advice and keeps its reason chosen', () => {
    expect(page).toContain(escapeHtml(ru.parentPage.reasons.forgot_password.advice));
    expect(page).toMatch(/value="forgot_password" required checked/);
  });

  it('has plain post forms and no script', () => {
    expect(page).toContain('<form method="post">');
    expect(page).toContain(`name="item" value="chat:${CLASS_CHAT}"`);
    expect(page).not.toContain('<script');
    expect(page).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('says «Сохранено» at the item a post was about', () => {
    const saved = renderFamilyPage('ru', family, { kind: 'saved', anchor: `i-${CHILD}-vk_id` });
    const item = saved.slice(saved.indexOf(`id="i-${CHILD}-vk_id"`));
    expect(item.indexOf(ru.parentPage.saved)).toBeGreaterThan(0);
    expect(item.indexOf(ru.parentPage.saved)).toBeLessThan(item.indexOf(`id="i-${CHILD}-sferum_profile"`));
  });
});

describe('renderMessagePage', () => {
  it('gives an unknown link the friendly text', () => {
    expect(renderMessagePage('ru', 'notFound')).toContain(escapeHtml(ru.parentPage.notFound.text));
  });
});
