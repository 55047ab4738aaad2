import type {} from 'next-intl';
import type { routing } from '../i18n/routing';
import type { Messages } from '../i18n/messages';

// Typed message keys and locales: a missing or misspelt key fails the type check.
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof routing.locales)[number];
    Messages: Messages;
  }
}
