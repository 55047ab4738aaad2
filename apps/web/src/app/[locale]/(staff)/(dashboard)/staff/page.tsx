import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { StaffPage } from '../../../../../features/staff/staff-page';
import { pageLocale } from '../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../server/session';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'staff' });
  return { title: t('title') };
}

export default async function StaffRoute({ params }: Props) {
  const locale = await pageLocale(params);
  await requireStaff(locale, '/staff', 'staff');
  return <StaffPage />;
}
