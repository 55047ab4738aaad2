import { getTranslations } from 'next-intl/server';
import type { HealthView } from '../server/health';
import styles from './health-status.module.css';

const TEXT = {
  up: { title: 'up', hint: 'upHint' },
  databaseDown: { title: 'databaseDown', hint: 'databaseDownHint' },
  unreachable: { title: 'unreachable', hint: 'unreachableHint' },
} as const;

function StatusIcon({ state }: { state: HealthView['state'] }) {
  const path = {
    up: 'm7 12.5 3.5 3.5L17 9',
    databaseDown: 'M12 7.5v5.5M12 16.5v.01',
    unreachable: 'm8.5 8.5 7 7m0-7-7 7',
  }[state];
  return (
    <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="11" fill="currentColor" />
      <path d={path} fill="none" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** The API's health, as rendered on the server for this very request. */
export async function HealthStatus({ health }: { health: HealthView }) {
  const t = await getTranslations('home.health');
  const text = TEXT[health.state];
  return (
    <section className={styles.card} aria-labelledby="health-heading" data-state={health.state}>
      <h2 id="health-heading" className={styles.heading}>
        {t('heading')}
      </h2>
      <div className={`${styles.status} ${styles[health.state]}`}>
        <StatusIcon state={health.state} />
        <div>
          <p className={styles.title}>{t(text.title)}</p>
          <p className={styles.hint}>{t(text.hint)}</p>
          {health.state !== 'unreachable' && (
            <p className={styles.version}>{t('version', { version: health.version })}</p>
          )}
        </div>
      </div>
    </section>
  );
}
