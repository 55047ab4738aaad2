import { describe, expect, it } from '@jest/globals';
import { ApiError, formErrorsFrom, parseRetryAfter } from './api-error';
import { errorMessageKey } from './error-message';

const badRequest = new ApiError(400, {
  statusCode: 400,
  error: 'Bad Request',
  message: 'Invalid request: email, letter',
  details: [
    { field: 'email', messages: ['email must be an email'] },
    { field: 'letter', messages: ['letter must be one Cyrillic letter, such as А'] },
  ],
});

describe('formErrorsFrom', () => {
  it('puts the form’s own words on the fields a 400 answer named, and skips unknown fields', () => {
    expect(formErrorsFrom(badRequest, { email: 'Проверьте e-mail', fullName: 'Укажите ФИО' })).toEqual({
      email: 'Проверьте e-mail',
    });
  });

  it('gives no field errors for other failures', () => {
    expect(formErrorsFrom(new ApiError(409), { email: 'x' })).toEqual({});
    expect(formErrorsFrom(new Error('boom'), { email: 'x' })).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('42')).toBe(42);
    const now = new Date('2026-03-01T10:00:00Z');
    expect(parseRetryAfter('Sun, 01 Mar 2026 10:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('errorMessageKey', () => {
  it('tells an unreachable server from a refusal and from a missing object', () => {
    expect(errorMessageKey(new ApiError(0))).toBe('network');
    expect(errorMessageKey(new ApiError(502))).toBe('network');
    expect(errorMessageKey(new ApiError(500))).toBe('server');
    expect(errorMessageKey(new ApiError(403))).toBe('forbidden');
    expect(errorMessageKey(new ApiError(404))).toBe('notFound');
    expect(errorMessageKey(new ApiError(409))).toBe('conflict');
    expect(errorMessageKey(new ApiError(429))).toBe('tooMany');
    expect(errorMessageKey(new TypeError('x'))).toBe('unknown');
  });
});
