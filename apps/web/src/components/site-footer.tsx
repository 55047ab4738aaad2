import { API_ROUTES } from '@sferum/contracts';
import { getTranslations } from 'next-intl/server';
import styles from './site-footer.module.css';

export async function SiteFooter() {
  const t = await getTranslations('layout');
  const tMeta = await getTranslations('metadata');
  return (
    <footer className={styles.footer}>
      <div className={styles.inner}>
        <span>{tMeta('title')}</span>
        <a href={API_ROUTES.docs}>{t('apiDocs')}</a>
      </div>
    </footer>
  );
}
