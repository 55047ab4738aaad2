import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ImportPage } from '../../../../../../../features/class-page/import-page';
import { pageLocale } from '../../../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../../../server/session';

type Props = { params: Promise<{ locale: string; id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'classPage' });
  return { title: t('tabImport') };
}

export default async function ClassImportRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const { id } = await params;
  await requireStaff(locale, `/classes/${id}/import`, 'classPage');
  return <ImportPage classId={id} />;
}
