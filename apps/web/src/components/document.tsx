import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '../i18n/routing';

/** `<html>` and `<body>` of every page: the language attribute and a skip link. */
export async function Document({ locale, children }: { locale: AppLocale; children: ReactNode }) {
  const t = await getTranslations({ locale, namespace: 'layout' });
  return (
    // Mantine's styles key on this attribute; set on the server, staff pages
    // render right before hydration (the interface is light only).
    <html lang={locale} data-mantine-color-scheme="light">
      <body>
        <a className="skip-link" href="#main">
          {t('skipToContent')}
        </a>
        {children}
      </body>
    </html>
  );
}
