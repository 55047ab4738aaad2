import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { LinksPage } from '../../../../../../../features/invites/links-page';
import { pageLocale } from '../../../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../../../server/session';

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'invites' });
  return { title: t('title') };
}

export default async function ClassLinksRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const { id } = await params;
  await requireStaff(locale, `/classes/${id}/links`, 'classPage');
  return <LinksPage classId={id} />;
}
