import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ClassDetails } from '../../../../../../features/classes/class-details';
import { pageLocale } from '../../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../../server/session';

type Props = { params: Promise<{ locale: string; classId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'classDetails' });
  return { title: t('title') };
}

export default async function ClassRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const { classId } = await params;
  await requireStaff(locale, `/classes/${classId}`, 'myClasses');
  return <ClassDetails classId={classId} />;
}
