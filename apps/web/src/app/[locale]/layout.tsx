import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { Document } from '../../components/document';
import { isAppLocale, routing } from '../../i18n/routing';
import '../globals.css';

type LayoutParams = { params: Promise<{ locale: string }> };

export function generateStaticParams() {
  return routing.locales.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: LayoutParams): Promise<Metadata> {
  const { locale } = await params;
  if (!isAppLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: 'metadata' });
  return {
    title: { default: t('title'), template: `%s · ${t('title')}` },
    description: t('description'),
    // Dashboard and parent pages show children's data: a page must opt in to indexing.
    robots: { index: false, follow: false },
  };
}

export default async function LocaleLayout({ children, params }: LayoutParams & { children: ReactNode }) {
  const { locale } = await params;
  if (!isAppLocale(locale)) notFound();
  setRequestLocale(locale);
  return <Document locale={locale}>{children}</Document>;
}
