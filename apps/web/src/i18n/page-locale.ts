import { setRequestLocale } from 'next-intl/server';
import { type AppLocale, isAppLocale, routing } from './routing';

/** The locale of a page from its route params, set for next-intl's server functions. */
export async function pageLocale(params: Promise<{ locale: string }>): Promise<AppLocale> {
  const { locale } = await params;
  const appLocale = isAppLocale(locale) ? locale : routing.defaultLocale;
  setRequestLocale(appLocale);
  return appLocale;
}
