import { describe, expect, it } from '@jest/globals';
import { academicYearChoices } from './academic-years';

describe('academicYearChoices', () => {
  it('offers the current academic year first as the default, with the one before and after', () => {
    expect(academicYearChoices(new Date('2026-03-10T12:00:00Z'))).toEqual({
      current: '2025/2026',
      years: ['2024/2025', '2025/2026', '2026/2027'],
    });
    expect(academicYearChoices(new Date('2026-09-01T12:00:00Z')).current).toBe('2026/2027');
  });

  it('keeps an older year of a class being edited', () => {
    expect(academicYearChoices(new Date('2026-03-10T12:00:00Z'), '2020/2021').years).toEqual([
      '2020/2021',
      '2024/2025',
      '2025/2026',
      '2026/2027',
    ]);
  });
});
