import { describe, expect, it } from '@jest/globals';
import { politeName } from './polite-name';

describe('politeName', () => {
  it('greets by first name and patronymic when the full name has all three parts', () => {
    expect(politeName('Новикова Анна Сергеевна')).toBe('Анна Сергеевна');
    expect(politeName('  Смирнова   Елена Игоревна ')).toBe('Елена Игоревна');
  });

  it('leaves other names as they were typed', () => {
    expect(politeName('Иванова Мария')).toBe('Иванова Мария');
    expect(politeName('Maria Ivanova')).toBe('Maria Ivanova');
  });
});
