import { formatShortCode, PATH_CATALOGUE } from '@sferum/contracts';
import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '../../i18n/routing';
import type { Letter } from './letters-data';
import { letterSteps, printableUrl } from './letters-model';
import styles from './letters.module.css';
import { PrintButton } from './print-button';

interface Props {
  locale: AppLocale;
  schoolName: string;
  className: string;
  teachers: string[];
  parentContact: string | null;
  /** YYYY-MM-DD */
  deadline: string | null;
  pathId: string;
  stepNotes: Record<string, string>;
  letters: Letter[];
  withoutLink: string[][];
  backHref: string;
}

/**
 * One A4 page per family: who it is for, the QR code and the link, the steps
 * of the school's path with their links, the path's pitfalls, and that using
 * Sferum/MAX is voluntary.
 */
export async function Letters({
  locale,
  schoolName,
  className,
  teachers,
  parentContact,
  deadline,
  pathId,
  stepNotes,
  letters,
  withoutLink,
  backHref,
}: Props) {
  const t = await getTranslations({ locale, namespace: 'letters' });
  const path = PATH_CATALOGUE.get(pathId);
  const steps = letterSteps(path, locale, stepNotes, t('chatsTitle'));
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
              <h2>{t('heading', { path: path.id })}</h2>
              <dl className={styles.facts}>
                <dt>{t('school')}</dt>
                <dd>{schoolName}</dd>
                <dt>{t('class')}</dt>
                <dd>{className}</dd>
                {teachers.length > 0 && (
                  <>
                    <dt>{t('teacher')}</dt>
                    <dd>
                      {teachers.join(', ')}
                      {parentContact ? ` · ${parentContact}` : ''}
                    </dd>
                  </>
                )}
                {deadline && (
                  <>
                    <dt>{t('deadline')}</dt>
                    {/* A calendar day, not an instant: read at noon UTC so that no time zone moves it. */}
                    <dd>{dateFormat.format(new Date(`${deadline}T12:00:00Z`))}</dd>
                  </>
                )}
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
                  {invite.code && (
                    <p data-letter-code>
                      {t('code', { address: printableUrl(invite.shortAddress), code: formatShortCode(invite.code) })}
                    </p>
                  )}
                  <p className={styles.small}>{t('personal')}</p>
                </div>
              </div>
              <h3>{t('stepsTitle')}</h3>
              <ol className={styles.steps}>
                {steps.map((step) => (
                  <li key={step.id} data-letter-step={step.id}>
                    <strong>{step.title}.</strong> {step.text}
                    {step.links.length > 0 && (
                      <span className={styles.stepLinks}>
                        {step.links.map((link) => (
                          <span key={link.address}>
                            {link.label}: <span className={styles.address}>{link.address}</span>
                          </span>
                        ))}
                      </span>
                    )}
                    {step.note && <span className={styles.schoolNote}>{t('schoolNote', { note: step.note })}</span>}
                  </li>
                ))}
              </ol>
              {path.pitfalls.length > 0 && (
                <>
                  <h3>{t('pitfallsTitle')}</h3>
                  <ul>
                    {path.pitfalls.map((pitfall) => (
                      <li key={pitfall.ru}>{pitfall[locale]}</li>
                    ))}
                  </ul>
                </>
              )}
              <p className={styles.voluntary} data-letter-voluntary>
                {t('voluntary', { path: path.id })}
              </p>
              {invite.expiresAt && <p className={styles.small}>{t('expires', { date: dateFormat.format(new Date(invite.expiresAt)) })}</p>}
            </article>
          ))}
        </div>
      )}
    </div>
  );
}
