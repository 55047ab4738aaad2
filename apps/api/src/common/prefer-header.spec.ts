import { prefersReturnMinimal } from './prefer-header';

describe('prefersReturnMinimal', () => {
  it('reads return=minimal alone, among other preferences, quoted, with parameters and in any case', () => {
    for (const header of [
      'return=minimal',
      'respond-async, return=minimal',
      'RETURN = "minimal"',
      'return=minimal; foo="bar", wait=10',
    ]) {
      expect(prefersReturnMinimal(header)).toBe(true);
    }
  });

  it('keeps the answer without the header, for return=representation, and when an earlier return preference says so', () => {
    for (const header of [
      undefined,
      '',
      'respond-async',
      'return=representation',
      'return=representation, return=minimal',
      'minimal',
    ]) {
      expect(prefersReturnMinimal(header)).toBe(false);
    }
  });
});
