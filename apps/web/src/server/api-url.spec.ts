import { describe, expect, it } from '@jest/globals';
import { apiBaseUrl, apiUrl } from './api-url';

describe('apiBaseUrl', () => {
  it('defaults to the API on 127.0.0.1:3333', () => {
    expect(apiBaseUrl({}).href).toBe('http://127.0.0.1:3333/');
  });

  it('rejects a value that is not an http(s) URL, naming the variable', () => {
    expect(() => apiBaseUrl({ API_URL: 'api:3333' })).toThrow(/API_URL/);
    expect(() => apiBaseUrl({ API_URL: 'not a url' })).toThrow(/API_URL/);
  });
});

describe('apiUrl', () => {
  it('keeps the path and query as they are', () => {
    expect(apiUrl('/api/families?page=2', { API_URL: 'http://api:3333' }).href).toBe(
      'http://api:3333/api/families?page=2',
    );
  });
});
