import { describe, expect, it } from '@jest/globals';
import { nextAcademicYear, type NewYearPreview } from '@sferum/contracts';
import {
  confirmsYear,
  erasureDay,
  erasureDaysOf,
  linksUntil,
  newYearCounts,
  newYearState,
  parseFirstGradeLetters,
} from './new-year-model';

const preview: NewYearPreview = {
  fromYear: '2026/2027',
  toYear: '2027/2028',
  alreadyDone: false,
  classes: [
    { classId: 'c5', name: '5А', nextName: '6А', action: 'promote', students: 3 },
    { classId: 'c9', name: '9А', nextName: null, action: 'archive', students: 2 },
    { classId: 'c11', name: '11А', nextName: null, action: 'archive', students: 4 },
  ],
  newFirstGrades: ['А', 'Б'],
  erasureDays: 30,
};

describe('parseFirstGradeLetters', () => {
  it('reads letters separated by commas or spaces, in upper case, each once and in alphabet order', () => {
    expect(parseFirstGradeLetters('в, а;б  А')).toEqual({ letters: ['А', 'Б', 'В'] });
    expect(parseFirstGradeLetters(' ё,е ')).toEqual({ letters: ['Е', 'Ё'] });
  });

  it('reads an empty field as no first grades', () => {
    expect(parseFirstGradeLetters('  ')).toEqual({ letters: [] });
  });

  it('names what is not a single Cyrillic letter', () => {
    expect(parseFirstGradeLetters('А, B, АБ, 1, b')).toEqual({ invalid: ['B', 'АБ', '1'] });
  });
});

describe('erasureDaysOf', () => {
  it('takes whole days from 0 to 365', () => {
    expect(erasureDaysOf(0)).toBe(0);
    expect(erasureDaysOf(30)).toBe(30);
    expect(erasureDaysOf(365)).toBe(365);
  });

  it('refuses an empty field, a fraction and days out of range', () => {
    expect(erasureDaysOf('')).toBeNull();
    expect(erasureDaysOf(1.5)).toBeNull();
    expect(erasureDaysOf(-1)).toBeNull();
    expect(erasureDaysOf(366)).toBeNull();
  });
});

describe('confirmsYear', () => {
  it('accepts the year typed with spaces or a dash for the slash', () => {
    expect(confirmsYear('2027/2028', '2027/2028')).toBe(true);
    expect(confirmsYear(' 2027 / 2028 ', '2027/2028')).toBe(true);
    expect(confirmsYear('2027–2028', '2027/2028')).toBe(true);
  });

  it('refuses another year or a part of it', () => {
    expect(confirmsYear('2026/2027', '2027/2028')).toBe(false);
    expect(confirmsYear('2027', '2027/2028')).toBe(false);
    expect(confirmsYear('', '2027/2028')).toBe(false);
  });
});

describe('newYearState', () => {
  it('is ready while the school is in the calendar’s year, or behind it', () => {
    expect(newYearState(preview, new Date('2027-08-25T10:00:00Z'))).toBe('ready');
    expect(newYearState(preview, new Date('2027-09-05T10:00:00Z'))).toBe('ready');
  });

  it('says the year has started once the school is ahead of the calendar, as it is just after its move in August', () => {
    expect(newYearState({ ...preview, fromYear: '2027/2028' }, new Date('2027-08-25T10:00:00Z'))).toBe('ahead');
  });

  it('counts the calendar’s year in Moscow: 31 August 22:00 UTC is already 1 September there', () => {
    expect(newYearState({ ...preview, fromYear: '2027/2028' }, new Date('2027-08-31T22:00:00Z'))).toBe('ready');
  });

  it('takes the API’s word that the move is done for that year', () => {
    expect(newYearState({ ...preview, alreadyDone: true }, new Date('2027-08-25T10:00:00Z'))).toBe('alreadyDone');
  });
});

describe('dates of the move', () => {
  it('erases the leavers the given number of days after today in Moscow', () => {
    expect(erasureDay(new Date('2027-08-25T10:00:00Z'), 30)).toBe('2027-09-24');
    expect(erasureDay(new Date('2027-08-25T22:30:00Z'), 0)).toBe('2027-08-26');
  });

  it('keeps the links until 31 August of the new year, and knows the year after', () => {
    expect(linksUntil('2027/2028')).toBe('2028-08-31');
    expect(nextAcademicYear('2027/2028')).toBe('2028/2029');
  });
});

describe('newYearCounts', () => {
  it('adds up the classes moving up, those leaving with their students, and the new first grades', () => {
    expect(newYearCounts(preview)).toEqual({ promoted: 1, archived: 2, leavers: 6, created: 2 });
  });
});
