import { describe, expect, it } from '@jest/globals';
import ru from '../../../messages/parent.ru.json';
import { styleHashSource } from '../../server/security-headers';
import { escapeHtml } from './html';
import { handleCodeGet, handleCodePost } from './short-code-route';

const code = ru.parentPage.code;
const context = (locale = 'ru') => ({ params: Promise.resolve({ locale }) });
const at = (locale: string) => (locale === 'ru' ? 'http://web.test/p' : `http://web.test/${locale}/p`);

const post = (fields: Record<string, string>, { locale = 'ru', site = 'same-origin' } = {}) =>
  handleCodePost(
    new Request(at(locale), { method: 'POST', body: new URLSearchParams(fields), headers: { 'sec-fetch-site': site } }),
    context(locale),
  );

describe('the code page', () => {
  it('shows one big field for the code, made for typing it from paper, and no script', async () => {
    const response = await handleCodeGet(new Request(at('ru')), context());
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<form method="post">');
    expect(page).toMatch(
      /<input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters"[^>]* inputmode="text"/,
    );
    expect(page).toContain(`<label for="code" class="code-label">${code.label}</label>`);
    expect(page).toContain(escapeHtml(code.text));
    expect(page).not.toContain('<script');
  });

  it('answers with the parent page’s headers: no caching, no referrer, no index, its stylesheet by hash', async () => {
    const response = await handleCodeGet(new Request(at('ru')), context());
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-robots-tag')).toContain('noindex');
    const css = /<style>([\s\S]*?)<\/style>/.exec(await response.text())?.[1] ?? '';
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain(`style-src ${styleHashSource(css)}`);
    expect(policy).toContain("default-src 'none'");
  });

  it('sends a code typed in lower case, with spaces, dashes and Cyrillic look-alikes to the family’s page', async () => {
    const typed = await post({ code: ' k7mq 4xtd–9rze ' });
    expect(typed.status).toBe(303);
    expect(typed.headers.get('location')).toBe('/p/K7MQ4XTD9RZE');
    expect(typed.headers.get('cache-control')).toBe('no-store');
    // «К», «М», «Т», «Е» and «Х» from a Russian keyboard.
    expect((await post({ code: 'К7МQ-4ХТD-9RZЕ' })).headers.get('location')).toBe('/p/K7MQ4XTD9RZE');
    expect((await post({ code: 'k7mq4xtd9rze' }, { locale: 'en' })).headers.get('location')).toBe('/en/p/K7MQ4XTD9RZE');
  });

  it('reads a code given in the address as ?code=', async () => {
    const response = await handleCodeGet(new Request(`${at('ru')}?code=k7mq-4xtd-9rze`), context());
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/p/K7MQ4XTD9RZE');
  });

  it('gives what cannot be a code back with a clear error and what was typed, in focus', async () => {
    const response = await post({ code: 'K7MQ-4XTD-9RZ0<b>' });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain(escapeHtml(code.invalid));
    expect(page).toContain('value="K7MQ-4XTD-9RZ0&lt;b&gt;"');
    expect(page).toContain('aria-invalid="true" autofocus');
    expect(page).toContain('aria-describedby="code-hint code-error"');
  });

  it('asks for the code when nothing was typed', async () => {
    const empty = await post({ code: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain(escapeHtml(code.empty));
    const noField = await post({});
    expect(noField.status).toBe(400);
    const english = await handleCodeGet(new Request(`${at('en')}?code=`), context('en'));
    expect(english.status).toBe(400);
    expect(await english.text()).toContain('<html lang="en">');
  });

  it('refuses a code posted from another site', async () => {
    const response = await post({ code: 'k7mq4xtd9rze' }, { site: 'cross-site' });
    expect(response.status).toBe(404);
    expect(response.headers.get('location')).toBeNull();
  });
});
