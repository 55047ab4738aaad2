import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ApiKeysPage } from '../../../../../../features/reports/api-keys-page';
import { pageLocale } from '../../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../../server/session';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'apiKeys' });
  return { title: t('title') };
}

export default async function ApiKeysRoute({ params }: Props) {
  const locale = await pageLocale(params);
  await requireStaff(locale, '/reports/keys', 'districtSchools');
  return <ApiKeysPage />;
}
