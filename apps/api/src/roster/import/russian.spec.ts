import { ERRORS, LEFT_OUT, plural, pluralForm, rowList, ROWS } from './russian';

describe('plural', () => {
  it('picks the Russian form after each number', () => {
    expect([1, 2, 5, 11, 21, 22, 25, 111, 0].map((n) => plural(n, ERRORS))).toEqual([
      '1 ошибка',
      '2 ошибки',
      '5 ошибок',
      '11 ошибок',
      '21 ошибка',
      '22 ошибки',
      '25 ошибок',
      '111 ошибок',
      '0 ошибок',
    ]);
    expect(plural(3, ROWS)).toBe('3 строки');
    expect([1, 3, 5, 21].map((n) => `${plural(n, ROWS)} ${pluralForm(n, LEFT_OUT)}`)).toEqual([
      '1 строка пропущена',
      '3 строки пропущены',
      '5 строк пропущено',
      '21 строка пропущена',
    ]);
  });

  it('cuts a long list of rows', () => {
    expect(rowList([2, 3])).toBe('2, 3');
    expect(rowList([1, 2, 3, 4, 5], 3)).toBe('1, 2, 3 и ещё 2');
  });
});
