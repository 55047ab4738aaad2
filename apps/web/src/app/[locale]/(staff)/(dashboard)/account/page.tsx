import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AccountPage } from '../../../../../features/account/account-page';
import { pageLocale } from '../../../../../i18n/page-locale';
import { requireStaff } from '../../../../../server/session';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'account' });
  return { title: t('title') };
}

export default async function AccountRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const user = await requireStaff(locale, '/account', 'account');
  return <AccountPage user={user} />;
}
