import { defineRouting } from 'next-intl/routing';

export const routing = defineRouting({
  locales: ['ru', 'en'],
  defaultLocale: 'ru',
  // Russian pages have no prefix (`/`), English ones live under `/en`.
  localePrefix: 'as-needed',
  // The URL alone decides the language: a teacher's browser set to English
  // must still land on the Russian page a colleague shared.
  localeDetection: false,
  localeCookie: false,
});

export type AppLocale = (typeof routing.locales)[number];

// Not next-intl's `hasLocale`: importing the package root from a server
// component ships its client-side formatter to the browser.
export function isAppLocale(value: unknown): value is AppLocale {
  return routing.locales.some((locale) => locale === value);
}
