import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { familyIdsFrom, loadLetters } from '../../../../../../../features/invites/letters-data';
import { Letters } from '../../../../../../../features/invites/letters';
import { getPathname } from '../../../../../../../i18n/navigation';
import { pageLocale } from '../../../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../../../server/session';

type Props = {
  params: Promise<{ locale: string; id: string }>;
  searchParams: Promise<{ families?: string | string[] }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'letters' });
  return { title: t('title') };
}

export default async function ClassLettersRoute({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { id } = await params;
  const user = await requireStaff(locale, `/classes/${id}/links`, 'classPage');
  const data = await loadLetters(id, familyIdsFrom((await searchParams).families));
  if (data.kind === 'notFound') {
    const tErrors = await getTranslations({ locale, namespace: 'errors' });
    return <p>{tErrors('notFound')}</p>;
  }
  return (
    <Letters
      locale={locale}
      schoolName={data.schoolName ?? user.schoolName ?? ''}
      className={data.className}
      teachers={data.teachers}
      parentContact={data.parentContact}
      deadline={data.deadline}
      pathId={data.pathId}
      stepNotes={data.stepNotes}
      letters={data.letters}
      withoutLink={data.withoutLink.map((invite) => [...invite.students, ...invite.parents])}
      backHref={getPathname({ href: `/classes/${id}/links`, locale })}
    />
  );
}
