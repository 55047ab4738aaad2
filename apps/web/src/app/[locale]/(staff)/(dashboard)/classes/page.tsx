import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { MyClasses } from '../../../../../features/classes/my-classes';
import { pageLocale } from '../../../../../i18n/page-locale';
import { classesQuery } from '../../../../../api/queries';
import { Prefetch } from '../../../../../server/prefetch';
import { requireStaff } from '../../../../../server/session';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'myClasses' });
  return { title: t('title') };
}

export default async function MyClassesRoute({ params }: Props) {
  const locale = await pageLocale(params);
  await requireStaff(locale, '/classes', 'myClasses');
  return (
    <Prefetch load={(client) => [client.prefetchQuery(classesQuery({}))]}>
      <MyClasses />
    </Prefetch>
  );
}
