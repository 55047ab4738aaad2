import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@sferum/contracts';

export type NewPasswordProblem = 'required' | 'tooShort' | 'tooLong';

/** What is wrong with a new password before the API sees it, or null. */
export function newPasswordProblem(password: string): NewPasswordProblem | null {
  if (password.length === 0) return 'required';
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  return null;
}
