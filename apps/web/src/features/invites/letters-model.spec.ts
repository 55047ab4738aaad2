import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, VK_PATH } from '@sferum/contracts';
import { letterSteps, printableUrl } from './letters-model';

describe('letterSteps', () => {
  it('lists the steps of the school’s path with the parent’s how-to and the links as one types them, then the chats', () => {
    const steps = letterSteps(MAX_PATH, 'ru', {}, 'Чаты класса');
    expect(steps.map((step) => step.title)).toEqual(['Аккаунт в MAX', 'Школьный профиль в MAX', 'Чаты класса']);
    expect(steps[0]?.text).toContain('по своему номеру');
    expect(steps[0]?.links).toEqual([
      { label: 'Скачать MAX', address: 'max.ru' },
      { label: 'Веб-версия MAX', address: 'web.max.ru' },
    ]);
    expect(steps[2]?.text).toBe(MAX_PATH.chats.howTo.parent.ru);
    expect(steps.map((step) => `${step.title} ${step.text}`).join(' ')).not.toMatch(/VK ID|ВКонтакте/);
  });

  it('prints the school’s own note under its step, and none for an empty one', () => {
    const steps = letterSteps(VK_PATH, 'en', { vk_id: 'Ask us for help at the parents’ meeting.', messenger: '  ' }, 'Chats');
    expect(steps.map((step) => step.note)).toEqual(['Ask us for help at the parents’ meeting.', null, null, null]);
    expect(steps[0]?.title).toBe('VK ID');
  });
});

describe('printableUrl', () => {
  it('drops the scheme and a trailing slash, keeps a path', () => {
    expect(printableUrl('https://web.max.ru/')).toBe('web.max.ru');
    expect(printableUrl('https://vk.me/app')).toBe('vk.me/app');
  });
});
