import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { HealthStatus } from '../../components/health-status';
import { SiteFooter } from '../../components/site-footer';
import { SiteHeader } from '../../components/site-header';
import { isAppLocale } from '../../i18n/routing';
import { fetchHealth } from '../../server/health';
import styles from './page.module.css';

type PageParams = { params: Promise<{ locale: string }> };

export const metadata: Metadata = {
  // The one public page: the rest of the site stays out of search engines.
  robots: { index: true, follow: true },
};

const AUDIENCES = ['teachers', 'parents', 'district'] as const;
const STEPS = ['vkId', 'profile', 'messenger', 'chats'] as const;

export default async function HomePage({ params }: PageParams) {
  const { locale } = await params;
  if (isAppLocale(locale)) setRequestLocale(locale);
  // Health is news only when fresh: render at request time, never from a cache.
  await connection();
  const [t, health] = await Promise.all([getTranslations('home'), fetchHealth()]);

  return (
    <>
      <SiteHeader path="/" signIn />
      <main id="main" className={styles.main}>
        <section className={styles.hero} aria-labelledby="home-title">
          <div>
            <h1 id="home-title" className={styles.title}>
              {t('title')}
            </h1>
            <p className={styles.lead}>{t('lead')}</p>
          </div>
          <HealthStatus health={health} />
        </section>

        <section aria-labelledby="audiences-heading">
          <h2 id="audiences-heading" className={styles.sectionHeading}>
            {t('audiences.heading')}
          </h2>
          <ul className={styles.cards}>
            {AUDIENCES.map((audience) => (
              <li key={audience} className={styles.card}>
                <h3 className={styles.cardTitle}>{t(`audiences.${audience}.title`)}</h3>
                <p>{t(`audiences.${audience}.text`)}</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="steps-heading">
          <h2 id="steps-heading" className={styles.sectionHeading}>
            {t('steps.heading')}
          </h2>
          <ol className={styles.steps}>
            {STEPS.map((step) => (
              <li key={step} className={styles.step}>
                {t(`steps.${step}`)}
              </li>
            ))}
          </ol>
        </section>
      </main>
      <SiteFooter />
    </>
  );
}
