import { isApiError } from '../../api/api-error';
import { errorMessageKey, type ErrorMessageKey } from '../../api/error-message';

export type LoginField = 'email' | 'password';

export type LoginFailure =
  | { kind: 'wrongCredentials' }
  | { kind: 'tooManyAttempts'; seconds: number }
  | { kind: 'invalidFields'; fields: LoginField[] }
  | { kind: 'other'; key: ErrorMessageKey };

/** When the API gives no Retry-After, a minute is the honest guess (its window is one minute). */
const DEFAULT_RETRY_SECONDS = 60;

/** What a failed sign-in means for the person at the form. */
export function loginFailure(error: unknown): LoginFailure {
  if (isApiError(error, 401)) return { kind: 'wrongCredentials' };
  if (isApiError(error, 429)) {
    return { kind: 'tooManyAttempts', seconds: Math.max(1, error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS) };
  }
  if (isApiError(error, 400)) {
    const fields = error.fields.filter((field): field is LoginField => field === 'email' || field === 'password');
    if (fields.length > 0) return { kind: 'invalidFields', fields };
  }
  return { kind: 'other', key: errorMessageKey(error) };
}
