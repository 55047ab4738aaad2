import { getRequestConfig } from 'next-intl/server';
import { type AppLocale, isAppLocale, routing } from './routing';

const messageLoaders = {
  ru: () => import('../../messages/ru.json'),
  en: () => import('../../messages/en.json'),
} satisfies Record<AppLocale, () => Promise<unknown>>;

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isAppLocale(requested) ? requested : routing.defaultLocale;
  const { default: messages } = await messageLoaders[locale]();
  return { locale, messages };
});
