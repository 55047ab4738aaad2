import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { AuthFrame } from '../../../../../../features/auth/auth-frame';
import { SetupForm } from '../../../../../../features/auth/setup-form';
import { pageLocale } from '../../../../../../i18n/page-locale';

type Props = { params: Promise<{ locale: string; token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'setup' });
  return { title: t('title') };
}

// No language switch here: it would copy the secret token into another link.
export default async function SetupPage({ params }: Props) {
  await pageLocale(params);
  const { token } = await params;
  return (
    <AuthFrame>
      <SetupForm token={token} />
    </AuthFrame>
  );
}
