import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { Document } from '../components/document';
import { SiteFooter } from '../components/site-footer';
import { SiteHeader } from '../components/site-header';
import { getPathname } from '../i18n/navigation';
import styles from './not-found.module.css';
import './globals.css';

// The root layout sits under [locale], so unmatched URLs get this page. It is
// server-rendered in full: a page-level notFound() in Next 16.4 sends an empty
// HTML shell that only client-side JavaScript fills in.

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('notFound');
  return { title: t('title') };
}

export default async function GlobalNotFound() {
  // The proxy tells next-intl the locale from the URL prefix (none means Russian).
  const locale = await getLocale();
  const t = await getTranslations({ locale, namespace: 'notFound' });
  return (
    <Document locale={locale}>
      <SiteHeader />
      <main id="main" className={styles.main}>
        <h1>{t('title')}</h1>
        <p>{t('text')}</p>
        <p>
          <a href={getPathname({ href: '/', locale })}>{t('home')}</a>
        </p>
      </main>
      <SiteFooter />
    </Document>
  );
}
