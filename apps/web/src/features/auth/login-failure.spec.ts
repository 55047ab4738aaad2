import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../api/api-error';
import { loginFailure } from './login-failure';

describe('loginFailure', () => {
  it('reads 401 as a wrong e-mail or password', () => {
    expect(loginFailure(new ApiError(401))).toEqual({ kind: 'wrongCredentials' });
  });

  it('reads 429 with the seconds of Retry-After, or a minute without it', () => {
    expect(loginFailure(new ApiError(429, null, 17))).toEqual({ kind: 'tooManyAttempts', seconds: 17 });
    expect(loginFailure(new ApiError(429))).toEqual({ kind: 'tooManyAttempts', seconds: 60 });
  });

  it('reads 400 as the fields to correct', () => {
    const error = new ApiError(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'Invalid request: email',
      details: [{ field: 'email', messages: ['email must be an email'] }],
    });
    expect(loginFailure(error)).toEqual({ kind: 'invalidFields', fields: ['email'] });
  });

  it('falls back to the general message for anything else', () => {
    expect(loginFailure(new ApiError(400))).toEqual({ kind: 'other', key: 'invalid' });
    expect(loginFailure(new ApiError(0))).toEqual({ kind: 'other', key: 'network' });
    expect(loginFailure(new ApiError(500))).toEqual({ kind: 'other', key: 'server' });
  });
});
