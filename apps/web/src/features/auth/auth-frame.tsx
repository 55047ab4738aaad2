import type { ReactNode } from 'react';
import { SiteHeader } from '../../components/site-header';
import styles from './auth-frame.module.css';

/** The frame of the pages before sign-in: the site header and one centred card. */
export function AuthFrame({ languagePath, children }: { languagePath?: string; children: ReactNode }) {
  return (
    <>
      <SiteHeader path={languagePath} />
      <main id="main" className={styles.main}>
        <div className={styles.card}>{children}</div>
      </main>
    </>
  );
}
