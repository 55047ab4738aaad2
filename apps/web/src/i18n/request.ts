import { getRequestConfig } from 'next-intl/server';
import { MESSAGES } from './messages';
import { isAppLocale, routing } from './routing';

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isAppLocale(requested) ? requested : routing.defaultLocale;
  return { locale, messages: MESSAGES[locale] };
});
