import { academicYearOf, formatClassName } from './school-class';

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
