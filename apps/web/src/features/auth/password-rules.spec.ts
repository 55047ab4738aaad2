import { describe, expect, it } from '@jest/globals';
import { PASSWORD_MIN_LENGTH } from '@sferum/contracts';
import { newPasswordProblem } from './password-rules';

describe('newPasswordProblem', () => {
  it('asks for at least the minimum length the API enforces', () => {
    expect(newPasswordProblem('')).toBe('required');
    expect(newPasswordProblem('x'.repeat(PASSWORD_MIN_LENGTH - 1))).toBe('tooShort');
    expect(newPasswordProblem('x'.repeat(PASSWORD_MIN_LENGTH))).toBeNull();
    expect(newPasswordProblem('x'.repeat(201))).toBe('tooLong');
  });
});
