import { normalizeShortCode, parentPagePath } from '@sferum/contracts';
import { getPathname } from '../../i18n/navigation';
import { type AppLocale, isAppLocale, routing } from '../../i18n/routing';
import { htmlResponse, notFoundResponse, PARENT_HEADERS } from './parent-route';
import { CODE_INPUT_MAX_LENGTH, renderCodePage } from './short-code-page';

type Context = { params: Promise<{ locale: string }> };

async function localeOf(context: Context): Promise<AppLocale> {
  const { locale } = await context.params;
  return isAppLocale(locale) ? locale : routing.defaultLocale;
}

/**
 * A typed code: a well-formed one goes on to the family's page (303; whether
 * the code exists is the API's to say there, with the friendly 404), anything
 * else comes back to the form with what was typed and why it is not a code.
 */
function answerCode(locale: AppLocale, input: string): Response {
  const typed = input.trim().slice(0, CODE_INPUT_MAX_LENGTH);
  const code = normalizeShortCode(typed);
  if (code) {
    const location = getPathname({ href: parentPagePath(code), locale });
    return new Response(null, { status: 303, headers: { ...PARENT_HEADERS, location } });
  }
  return htmlResponse(renderCodePage(locale, { typed, error: typed ? 'invalid' : 'empty' }), 400);
}

/** `/p`: the form; `/p?code=…` (a link or a form sent by GET) is read like a posted code. */
export async function handleCodeGet(request: Request, context: Context): Promise<Response> {
  const locale = await localeOf(context);
  const typed = new URL(request.url).searchParams.get('code');
  return typed === null ? htmlResponse(renderCodePage(locale, null), 200) : answerCode(locale, typed);
}

export async function handleCodePost(request: Request, context: Context): Promise<Response> {
  const locale = await localeOf(context);
  // As on the family's page: the form posts only from this page itself.
  if (request.headers.get('sec-fetch-site') === 'cross-site') return notFoundResponse(locale);
  let typed = '';
  try {
    const value = (await request.formData()).get('code');
    if (typeof value === 'string') typed = value;
  } catch {
    // Not a form: nothing was typed.
  }
  return answerCode(locale, typed);
}
