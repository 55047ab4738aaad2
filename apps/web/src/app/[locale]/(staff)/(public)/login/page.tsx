import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { safeNextPath } from '../../../../../auth/safe-next';
import { landingPath } from '../../../../../auth/staff-areas';
import { AuthFrame } from '../../../../../features/auth/auth-frame';
import { LoginForm } from '../../../../../features/auth/login-form';
import { getPathname } from '../../../../../i18n/navigation';
import { pageLocale } from '../../../../../i18n/page-locale';
import { getCurrentUser } from '../../../../../server/session';

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'login' });
  return { title: t('title') };
}

export default async function LoginPage({ params, searchParams }: Props) {
  const locale = await pageLocale(params);
  const { next } = await searchParams;
  const nextPath = safeNextPath(typeof next === 'string' ? next : null);
  const user = await getCurrentUser();
  if (user) redirect(nextPath ?? getPathname({ href: landingPath(user), locale }));
  return (
    <AuthFrame languagePath="/login">
      <LoginForm nextPath={nextPath} />
    </AuthFrame>
  );
}
