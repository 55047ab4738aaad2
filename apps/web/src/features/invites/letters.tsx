import { PATH_CATALOGUE, type OnboardingPath } from '@sferum/contracts';
import { getTranslations } from 'next-intl/server';
import type { AppLocale } from '../../i18n/routing';
import type { Letter } from './letters-data';
import {
  deadlineDay,
  letterDateLocale,
  letterDensity,
  letterSteps,
  pairPerSheet,
  printableUrl,
  printedCode,
  type LetterStep,
} from './letters-model';
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

type Translate = Awaited<ReturnType<typeof getTranslations<'letters'>>>;

/** What every letter of the class shares. */
interface Shared {
  t: Translate;
  path: OnboardingPath;
  schoolName: string;
  className: string;
  steps: LetterStep[];
  /** the teachers' names and their contact, in one line */
  teacherLine: string;
  /** «20 декабря» */
  until: string | null;
  expiry: Intl.DateTimeFormat;
}

/**
 * The letters a teacher hands out at a parents' meeting: two per A4 sheet
 * (A5 halves, cut along the dashed line), one per family. Each carries the QR
 * code of the family's link, the short address and code to type instead, the
 * path's steps in short lines, whom to ask and by when, and that using
 * Sferum/MAX is voluntary. The print stylesheet needs no setting in the dialog.
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
  const sheets = pairPerSheet(letters);
  const until = deadline ? deadlineDay(deadline, locale) : null;
  const contact = parentContact?.trim() || null;
  const shared: Shared = {
    t,
    path,
    schoolName,
    className,
    steps: letterSteps(path, locale, stepNotes, t('chatsTitle')),
    teacherLine: [teachers.join(', '), contact].filter(Boolean).join(' · '),
    until,
    expiry: new Intl.DateTimeFormat(letterDateLocale(locale), {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Moscow',
    }),
  };

  return (
    <div>
      <div className={styles.toolbar}>
        {letters.length > 0 && <PrintButton label={t('print')} />}
        <a href={backHref}>← {t('back')}</a>
      </div>
      {letters.length > 0 && (
        <p className={styles.hint} data-letters-summary>
          {t('summary', { letters: letters.length, sheets: sheets.length })}
        </p>
      )}
      {letters.length > 0 && (!until || !contact) && (
        <p className={styles.warning}>
          {t('missingInfo', { what: !until && !contact ? 'both' : !until ? 'deadline' : 'contact' })}{' '}
          <a href={backHref}>{t('missingInfoLink')}</a>
        </p>
      )}
      {withoutLink.map((names) => (
        <p key={names.join()} className={styles.warning}>
          {t('noLink', { names: names.join(', ') })}
        </p>
      ))}
      {letters.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <div className={styles.sheets} data-letters>
          {sheets.map((pair) => (
            <section key={pair[0]?.invite.familyId} className={styles.sheet} data-sheet aria-label={t('sheet')}>
              {pair.map((letter) => (
                <FamilyLetter key={letter.invite.familyId} letter={letter} shared={shared} />
              ))}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function FamilyLetter({ letter: { invite, qrSvg }, shared }: { letter: Letter; shared: Shared }) {
  const { t, path, steps, teacherLine, until } = shared;
  const density = letterDensity({
    family: [...invite.students, ...invite.parents].join(', '),
    teacherLine,
    notes: steps.flatMap((step) => (step.note ? [step.note] : [])),
  });

  return (
    <article className={styles.letter} data-letter-family={invite.familyId} data-density={density}>
      <header className={styles.head}>
        <h2 className={styles.title}>{t('heading', { path: path.id })}</h2>
        <p className={styles.school}>{shared.schoolName}</p>
      </header>
      <p className={styles.family}>
        <strong>{invite.students.join(', ')}</strong> · {t('className', { name: shared.className })}
        {invite.parents.length > 0 && (
          <span className={styles.parents}>{t('parents', { names: invite.parents.join(', ') })}</span>
        )}
      </p>

      <div className={styles.body}>
        <div className={styles.access}>
          <p className={styles.scan}>{t('scan')}</p>
          {/* The SVG comes from the qrcode package, made from our own link: no user markup in it. */}
          <div
            className={styles.qr}
            role="img"
            aria-label={t('qrAlt')}
            data-qr
            dangerouslySetInnerHTML={{ __html: qrSvg }}
          />
          {/* The QR code's text alternative, for a screen reader; never printed. */}
          <span className={styles.srOnly} data-link>
            {invite.link}
          </span>
          {invite.code && (
            <>
              <p>{t('orType')}</p>
              <p className={styles.address} data-letter-address>
                {printableUrl(invite.shortAddress)}
              </p>
              <p>{t('andCode')}</p>
              <p className={styles.code} data-letter-code>
                {printedCode(invite.code)}
              </p>
            </>
          )}
        </div>

        <div className={styles.details}>
          <p className={styles.intro}>
            {t('greeting')} {t('intro', { path: path.id })}
          </p>
          <p className={styles.stepsTitle}>{t('stepsTitle')}</p>
          <ol className={styles.steps}>
            {steps.map((step) => (
              <li key={step.id} data-letter-step={step.id}>
                <strong>{step.title}</strong>
                {step.addresses.length > 0 ? (
                  <>
                    {' — '}
                    {step.addresses.map((address, index) => (
                      <span key={address}>
                        {index > 0 && ` ${t('or')} `}
                        <span className={styles.url}>{address}</span>
                      </span>
                    ))}
                  </>
                ) : (
                  step.chats && <> — {t('chatsLine', { path: path.id })}</>
                )}
                {step.note && <span className={styles.note}>{t('schoolNote', { note: step.note })}</span>}
              </li>
            ))}
          </ol>
          {teacherLine && (
            <p className={styles.contact} data-letter-contact>
              <strong>{t('teacher')}:</strong> {teacherLine}
            </p>
          )}
          {until && (
            <p className={styles.deadline} data-letter-deadline>
              {t('deadline', { date: until })}
            </p>
          )}
        </div>
      </div>

      <p className={styles.voluntary} data-letter-voluntary>
        {t('voluntary', { path: path.id })}
      </p>
      {invite.expiresAt && (
        <p className={styles.small}>{t('personal', { date: shared.expiry.format(new Date(invite.expiresAt)) })}</p>
      )}
    </article>
  );
}
