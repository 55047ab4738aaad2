import { DEFAULT_PATH_ID, PATH_CATALOGUE } from '@sferum/contracts';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { HealthStatus } from '../../components/health-status';
import { SiteFooter } from '../../components/site-footer';
import { SiteHeader } from '../../components/site-header';
import { isAppLocale, routing } from '../../i18n/routing';
import { fetchHealth } from '../../server/health';
import styles from './page.module.css';

type PageParams = { params: Promise<{ locale: string }> };

export const metadata: Metadata = {
  // The one public page: the rest of the site stays out of search engines.
  robots: { index: true, follow: true },
};

const AUDIENCES = ['teachers', 'parents', 'district'] as const;

export default async function HomePage({ params }: PageParams) {
  const { locale: requested } = await params;
  const locale = isAppLocale(requested) ? requested : routing.defaultLocale;
  if (isAppLocale(requested)) setRequestLocale(requested);
  // The steps are the default path's (MAX), straight from the catalogue; older paths are named below them.
  const path = PATH_CATALOGUE.get(DEFAULT_PATH_ID);
  const legacyPaths = PATH_CATALOGUE.paths.filter((candidate) => candidate.legacy);
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
            {t('steps.heading', { name: path.name[locale] })}
          </h2>
          <ol className={styles.steps}>
            {path.steps.map((step) => (
              <li key={step.id} className={styles.step}>
                <strong className={styles.stepTitle}>{step.title[locale]}</strong>
                {step.howTo.parent[locale]}
              </li>
            ))}
            <li className={styles.step}>
              <strong className={styles.stepTitle}>{t('steps.chats')}</strong>
              {path.chats.howTo.parent[locale]}
            </li>
          </ol>
          <p className={styles.note}>{t('steps.voluntary')}</p>
          {legacyPaths.map((legacy) => (
            <p key={legacy.id} className={styles.note}>
              {t('steps.legacy', { name: legacy.name[locale], description: legacy.description[locale] })}
            </p>
          ))}
        </section>
      </main>
      <SiteFooter />
    </>
  );
}
