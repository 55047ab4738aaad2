import { describe, expect, it } from '@jest/globals';
import { MAX_PATH, VK_PATH } from '@sferum/contracts';
import { deadlineDay, letterDensity, letterSteps, pairPerSheet, printableUrl, printedCode } from './letters-model';

describe('letterSteps', () => {
  it('lists the steps of the school’s path as short lines with the addresses as one types them, then the chats', () => {
    const steps = letterSteps(MAX_PATH, 'ru', {}, 'Чаты класса');
    expect(steps.map((step) => step.title)).toEqual(['Аккаунт в MAX', 'Школьный профиль в MAX', 'Чаты класса']);
    expect(steps.map((step) => step.addresses)).toEqual([['max.ru', 'web.max.ru'], ['sferum.ru'], []]);
    expect(steps.map((step) => step.chats)).toEqual([false, false, true]);
    expect(steps.map((step) => step.title).join(' ')).not.toMatch(/VK ID|ВКонтакте/);
  });

  it('prints the school’s own note under its step, and none for an empty one', () => {
    const steps = letterSteps(
      VK_PATH,
      'en',
      { vk_id: 'Ask us for help at the parents’ meeting.', messenger: '  ' },
      'Chats',
    );
    expect(steps.map((step) => step.note)).toEqual(['Ask us for help at the parents’ meeting.', null, null, null]);
    expect(steps[0]?.title).toBe('VK ID');
    expect(steps[2]?.addresses).toEqual(['vk.me/app', 'web.vk.me']);
  });
});

describe('printableUrl', () => {
  it('drops the scheme and a trailing slash, keeps a path', () => {
    expect(printableUrl('https://web.max.ru/')).toBe('web.max.ru');
    expect(printableUrl('https://vk.me/app')).toBe('vk.me/app');
  });

  it('prints the short address without http:// too, as a browser’s address bar takes it', () => {
    expect(printableUrl('http://localhost:3000/p')).toBe('localhost:3000/p');
    expect(printableUrl('https://sferum.school.example.ru/p')).toBe('sferum.school.example.ru/p');
  });
});

describe('printedCode', () => {
  it('prints a code the API formatted as it is, not grouped twice', () => {
    expect(printedCode('ZXRE-A8CK-TGFH')).toBe('ZXRE-A8CK-TGFH');
  });

  it('groups a bare code in fours', () => {
    expect(printedCode('K7MQ4XTD9RZE')).toBe('K7MQ-4XTD-9RZE');
  });

  it('leaves anything that is no code as it came', () => {
    expect(printedCode('n/a')).toBe('n/a');
  });
});

describe('pairPerSheet', () => {
  it('puts two letters on each sheet and an odd last one on a sheet of its own', () => {
    expect(pairPerSheet(['a', 'b', 'c', 'd', 'e'])).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('makes 13 sheets of 26 letters, in the letters’ order', () => {
    const letters = Array.from({ length: 26 }, (_, i) => i);
    const sheets = pairPerSheet(letters);
    expect(sheets).toHaveLength(13);
    expect(sheets.every((sheet) => sheet.length === 2)).toBe(true);
    expect(sheets.flat()).toEqual(letters);
  });

  it('makes no sheet of no letters', () => {
    expect(pairPerSheet([])).toEqual([]);
  });
});

describe('deadlineDay', () => {
  it('says the day and the month in the genitive, as after «до»', () => {
    expect(deadlineDay('2026-12-20', 'ru')).toBe('20 декабря');
    expect(deadlineDay('2027-03-01', 'ru')).toBe('1 марта');
  });

  it('says it in English as "20 December"', () => {
    expect(deadlineDay('2026-12-20', 'en')).toBe('20 December');
  });

  it('keeps the calendar day whatever the time zone: the first of the month stays the first', () => {
    expect(deadlineDay('2026-09-01', 'ru')).toBe('1 сентября');
    expect(deadlineDay('2026-12-31', 'ru')).toBe('31 декабря');
  });

  it('refuses what is no calendar day', () => {
    expect(deadlineDay('2026-02-30', 'ru')).toBeNull();
    expect(deadlineDay('20.12.2026', 'ru')).toBeNull();
    expect(deadlineDay('', 'ru')).toBeNull();
  });
});

describe('letterDensity', () => {
  const family = 'Абрамов Глеб, Абрамова Инна Сергеевна';
  const teacherLine = 'Смирнова Елена Игоревна · каб. 21';

  it('keeps the normal type for a letter with short texts', () => {
    expect(letterDensity({ family, teacherLine, notes: ['Роль подтверждает администратор Сферума, каб. 12'] })).toBe(
      'normal',
    );
  });

  it('makes the type smaller as the contact and the school’s notes grow', () => {
    expect(letterDensity({ family, teacherLine: `${teacherLine}, ${'по будням '.repeat(12)}`, notes: [] })).toBe(
      'compact',
    );
    expect(letterDensity({ family, teacherLine, notes: ['н'.repeat(300), 'н'.repeat(300)] })).toBe('tight');
  });

  it('counts every variable text against the limits it is given', () => {
    const limits = { normal: 10, compact: 20 };
    expect(letterDensity({ family: 'a'.repeat(4), teacherLine: 'b'.repeat(3), notes: ['c', 'dd'] }, limits)).toBe(
      'normal',
    );
    expect(letterDensity({ family: 'a'.repeat(4), teacherLine: 'b'.repeat(3), notes: ['c', 'ddd'] }, limits)).toBe(
      'compact',
    );
    expect(letterDensity({ family: 'a'.repeat(21), teacherLine: '', notes: [] }, limits)).toBe('tight');
  });
});
