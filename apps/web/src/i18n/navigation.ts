import { type AppLocale, routing } from './routing';

/**
 * The URL of a page in a locale, as the proxy routes it (`localePrefix:
 * 'as-needed'`): Russian without a prefix, English under `/en`. Written out
 * rather than taken from next-intl's createNavigation, whose import alone puts
 * its client-side Link and formatter into every page's JavaScript.
 */
export function getPathname({ href, locale }: { href: string; locale: AppLocale }): string {
  if (locale === routing.defaultLocale) return href;
  return href === '/' ? `/${locale}` : `/${locale}${href}`;
}
