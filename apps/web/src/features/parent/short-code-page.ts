import type { AppLocale } from '../../i18n/routing';
import { html, SafeHtml } from './html';
import { parentDocument, parentTranslator } from './parent-page';

/** Longer than any code with its dashes and spaces; a longer input is not a code anyway. */
export const CODE_INPUT_MAX_LENGTH = 40;

/** What came back from a code that cannot be one: what was typed, and why it is not a code. */
export interface CodeAnswer {
  typed: string;
  error: 'empty' | 'invalid';
}

/**
 * `/p`: the one field where a parent types the code from the letter, in big
 * letters, and one button. No script: the form posts to the page itself.
 */
export function renderCodePage(locale: AppLocale, answer: CodeAnswer | null): string {
  const t = parentTranslator(locale);
  const error = answer
    ? html`<p id="code-error" class="notice bad" role="alert">${t(`code.${answer.error}`)}</p>`
    : null;
  const described = answer ? 'code-hint code-error' : 'code-hint';
  // Back with an error: the field again, in focus, with what was typed.
  const invalid = answer ? new SafeHtml(' aria-invalid="true" autofocus') : null;
  const body = html`<main><div class="alone code-page"><h1>${t('code.title')}</h1><p>${t('code.text')} <span class="sample">${t('code.sample')}</span>.</p><form method="post"><label for="code" class="code-label">${t('code.label')}</label><p id="code-hint" class="by">${t('code.hint')}</p>${error}<input id="code" name="code" type="text" autocomplete="off" autocapitalize="characters" autocorrect="off" spellcheck="false" inputmode="text" enterkeyhint="go" maxlength="${CODE_INPUT_MAX_LENGTH}" required aria-describedby="${described}"${invalid} value="${answer?.typed ?? ''}"><button>${t('code.submit')}</button></form><p class="by">${t('code.link')}</p></div></main>`;
  return parentDocument(locale, t('code.title'), body);
}
