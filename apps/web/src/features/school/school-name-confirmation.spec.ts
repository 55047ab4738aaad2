import { describe, expect, it } from '@jest/globals';
import { confirmsSchoolName, mistypesSchoolName } from './school-name-confirmation';

const NAME = 'Средняя школа № 7';

describe('typing the school’s name to confirm an erasure', () => {
  it('confirms only the exact name, spaces around it aside', () => {
    expect(confirmsSchoolName(NAME, NAME)).toBe(true);
    expect(confirmsSchoolName(`  ${NAME} `, NAME)).toBe(true);
    expect(confirmsSchoolName('средняя школа № 7', NAME)).toBe(false);
    expect(confirmsSchoolName('Средняя школа', NAME)).toBe(false);
    expect(confirmsSchoolName('', NAME)).toBe(false);
  });

  it('says the name is mistyped as soon as the text can no longer become it', () => {
    expect(mistypesSchoolName('', NAME)).toBe(false);
    expect(mistypesSchoolName('Средняя шк', NAME)).toBe(false);
    expect(mistypesSchoolName(`${NAME} `, NAME)).toBe(false);
    expect(mistypesSchoolName('Средняя шкала', NAME)).toBe(true);
    expect(mistypesSchoolName(`${NAME}1`, NAME)).toBe(true);
  });
});
