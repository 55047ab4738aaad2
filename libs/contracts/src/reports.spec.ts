import { progressShare } from './reports';

describe('progressShare («Прогресс»)', () => {
  it('is connected over participants, rounded to 3 decimals', () => {
    expect(progressShare(2, 3)).toBe(0.667);
    expect(progressShare(27, 27)).toBe(1);
  });

  it('is 0 when nobody takes part', () => {
    expect(progressShare(0, 0)).toBe(0);
  });
});
