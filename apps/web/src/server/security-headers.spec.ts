import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  cameOverHttps,
  createNonce,
  isParentLinkPath,
  pageContentSecurityPolicy,
  parentPageContentSecurityPolicy,
  styleHashSource,
} from './security-headers';

const directives = (policy: string) =>
  new Map(policy.split('; ').map((part) => [part.split(' ')[0], part.split(' ').slice(1)]));

describe('security headers', () => {
  it('makes a new 16-byte nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('lets only scripts with the nonce run on a page, and adds eval only for the development server', () => {
    const production = directives(pageContentSecurityPolicy('abc', { development: false }));
    expect(production.get('script-src')).toEqual(["'self'", "'nonce-abc'", "'strict-dynamic'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    const development = directives(pageContentSecurityPolicy('abc', { development: true }));
    expect(development.get('script-src')).toContain("'unsafe-eval'");
  });

  it('allows the parent page exactly its stylesheet, by the hash a browser computes', () => {
    const css = 'body{color:red}';
    const expected = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
    expect(styleHashSource(css)).toBe(expected);
    const policy = directives(parentPageContentSecurityPolicy(css));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual([expected]);
    expect(policy.has('script-src')).toBe(false);
  });

  it('tells HTTPS from the front proxy’s X-Forwarded-Proto, or from the URL without one', () => {
    const http = new URL('http://school.example/login');
    const https = new URL('https://school.example/login');
    expect(cameOverHttps(http, new Headers({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(cameOverHttps(http, new Headers({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
    expect(cameOverHttps(https, new Headers({ 'x-forwarded-proto': 'http' }))).toBe(false);
    expect(cameOverHttps(http, new Headers())).toBe(false);
    expect(cameOverHttps(https, new Headers())).toBe(true);
  });

  it('knows a parent link and the code page in either locale, and nothing else', () => {
    expect(isParentLinkPath('/p/abc')).toBe(true);
    expect(isParentLinkPath('/en/p/abc')).toBe(true);
    expect(isParentLinkPath('/p/abc/')).toBe(true);
    expect(isParentLinkPath('/p')).toBe(true);
    expect(isParentLinkPath('/en/p')).toBe(true);
    expect(isParentLinkPath('/pupils')).toBe(false);
    expect(isParentLinkPath('/classes/p/abc')).toBe(false);
    expect(isParentLinkPath('/p/abc/more')).toBe(false);
  });
});
