import { academicYearOf, formatClassName, normalizeClassName } from './school-class';

describe('formatClassName', () => {
  it('joins the grade and the upper-cased letter', () => {
    expect(formatClassName(5, 'а')).toBe('5А');
    expect(formatClassName(11, ' б ')).toBe('11Б');
  });
});

describe('academicYearOf', () => {
  it('starts a new academic year on 1 September', () => {
    expect(academicYearOf(new Date('2026-08-31T12:00:00Z'))).toBe('2025/2026');
    expect(academicYearOf(new Date('2026-09-01T00:00:00Z'))).toBe('2026/2027');
  });
});

describe('normalizeClassName', () => {
  it('reads one class however a list writes it', () => {
    for (const written of [
      '5А',
      '5 А',
      '5-а',
      '5«А»',
      '5 "А"',
      "5 'а'",
      '5а класс',
      '5 кл. А',
      'Класс 5А',
      '5A',
      '05а',
      ' 5 – А ',
    ]) {
      expect(normalizeClassName(written)).toBe('5А');
    }
    expect(normalizeClassName('11 ё')).toBe('11Ё');
    expect(normalizeClassName('10Б')).toBe('10Б');
  });

  it('is null for what names no class', () => {
    for (const written of ['', '5', 'А', '12А', '0А', '5АБ', 'кружок', 'Список 5А класса на 2026/27 уч. год']) {
      expect(normalizeClassName(written)).toBeNull();
    }
  });
});
