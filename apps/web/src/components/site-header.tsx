import { getLocale, getTranslations } from 'next-intl/server';
import { getPathname } from '../i18n/navigation';
import { routing } from '../i18n/routing';
import { Logo } from './logo';
import styles from './site-header.module.css';

type Props = {
  /** The current page's path without a locale prefix; omit to hide the language switch. */
  path?: string;
  /** Show the staff sign-in link (on the public pages, not on sign-in itself). */
  signIn?: boolean;
};

/** Brand, staff sign-in and language switch. Plain links, so it works without JavaScript. */
export async function SiteHeader({ path, signIn = false }: Props) {
  const locale = await getLocale();
  const t = await getTranslations('layout');
  const tMeta = await getTranslations('metadata');
  const otherLocale = routing.locales.find((l) => l !== locale) ?? routing.defaultLocale;

  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <a className={styles.brand} href={getPathname({ href: '/', locale })}>
          <Logo className={styles.logo} />
          <span>{tMeta('title')}</span>
        </a>
        {(signIn || path !== undefined) && (
          <nav className={styles.links} aria-label={t('headerNav')}>
            {signIn && (
              <a className={styles.signIn} href={getPathname({ href: '/login', locale })}>
                {t('signIn')}
              </a>
            )}
            {path !== undefined && (
              <a
                className={styles.language}
                href={getPathname({ href: path, locale: otherLocale })}
                hrefLang={otherLocale}
                lang={otherLocale}
              >
                {t('otherLanguage')}
              </a>
            )}
          </nav>
        )}
      </div>
    </header>
  );
}
