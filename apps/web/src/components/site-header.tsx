import { getLocale, getTranslations } from 'next-intl/server';
import { getPathname } from '../i18n/navigation';
import { routing } from '../i18n/routing';
import styles from './site-header.module.css';

type Props = {
  /** The current page's path without a locale prefix; omit to hide the language switch. */
  path?: string;
};

/** Brand and language switch. Plain links, so it works without JavaScript. */
export async function SiteHeader({ path }: Props) {
  const locale = await getLocale();
  const t = await getTranslations('layout');
  const tMeta = await getTranslations('metadata');
  const otherLocale = routing.locales.find((l) => l !== locale) ?? routing.defaultLocale;

  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <a className={styles.brand} href={getPathname({ href: '/', locale })}>
          <svg className={styles.logo} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            <rect width="64" height="64" rx="14" fill="currentColor" />
            <path
              d="M16 18h32a4 4 0 0 1 4 4v18a4 4 0 0 1-4 4H30l-9 7v-7h-5a4 4 0 0 1-4-4V22a4 4 0 0 1 4-4z"
              fill="#fff"
            />
            <path
              d="m24 31 6 6 11-12"
              fill="none"
              stroke="currentColor"
              strokeWidth="4.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>{tMeta('title')}</span>
        </a>
        {path !== undefined && (
          <nav aria-label={t('languageNav')}>
            <a
              className={styles.language}
              href={getPathname({ href: path, locale: otherLocale })}
              hrefLang={otherLocale}
              lang={otherLocale}
            >
              {t('otherLanguage')}
            </a>
          </nav>
        )}
      </div>
    </header>
  );
}
