import type { Messenger } from '@sferum/contracts';
import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '../../i18n/routing';
import type { Letter } from './letters-data';
import styles from './letters.module.css';
import { PrintButton } from './print-button';

interface Props {
  locale: AppLocale;
  schoolName: string;
  className: string;
  messenger: Messenger;
  letters: Letter[];
  withoutLink: string[][];
  backHref: string;
}

/** One A4 page per family: who it is for, the QR code and the link, the steps and the pitfalls. */
export async function Letters({ locale, schoolName, className, messenger, letters, withoutLink, backHref }: Props) {
  const t = await getTranslations({ locale, namespace: 'letters' });
  const tParent = await getTranslations({ locale, namespace: 'parentPage' });
  const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Moscow' });

  return (
    <div>
      <div className={styles.toolbar}>
        {letters.length > 0 && <PrintButton label={t('print')} />}
        <a href={backHref}>← {t('back')}</a>
      </div>
      {withoutLink.map((names) => (
        <p key={names.join()} className={styles.warning}>
          {t('noLink', { names: names.join(', ') })}
        </p>
      ))}
      {letters.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className={styles.letters} data-letters>
          {letters.map(({ invite, qrSvg }) => (
            <article key={invite.familyId} className={styles.letter} data-letter-family={invite.familyId}>
              <h2>{t('heading')}</h2>
              <dl className={styles.facts}>
                <dt>{t('school')}</dt>
                <dd>{schoolName}</dd>
                <dt>{t('class')}</dt>
                <dd>{className}</dd>
                <dt>{t('family')}</dt>
                <dd>{[...invite.students, ...invite.parents].join(', ')}</dd>
              </dl>
              <div className={styles.linkBlock}>
                {/* The SVG comes from the qrcode package, made from our own link: no user markup in it. */}
                <div className={styles.qr} role="img" aria-label={t('qrAlt')} data-qr dangerouslySetInnerHTML={{ __html: qrSvg }} />
                <div>
                  <p>{t('scan')}</p>
                  <p className={styles.url} data-link>
                    {invite.link}
                  </p>
                  <p className={styles.small}>{t('personal')}</p>
                </div>
              </div>
              <h3>{t('stepsTitle')}</h3>
              <ol>
                <li>{t('steps.vk_id')}</li>
                <li>{t('steps.sferum_profile')}</li>
                <li>{t(`steps.messenger_${messenger}`)}</li>
                <li>{t('steps.chats')}</li>
              </ol>
              <h3>{t('pitfallsTitle')}</h3>
              <ul>
                <li>{tParent('pitfalls.childFirst')}</li>
                <li>{tParent('pitfalls.ownPhone')}</li>
                <li>{tParent('pitfalls.ownDevice')}</li>
                <li>{tParent('pitfalls.email')}</li>
              </ul>
              {invite.expiresAt && <p className={styles.small}>{t('expires', { date: dateFormat.format(new Date(invite.expiresAt)) })}</p>}
            </article>
          ))}
        </div>
      )}
    </div>
  );
}
