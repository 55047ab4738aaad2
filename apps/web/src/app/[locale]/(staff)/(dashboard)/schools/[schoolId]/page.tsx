import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { landingPath, mayOpenSchool } from '../../../../../../auth/staff-areas';
import { SchoolPage } from '../../../../../../features/school/school-page';
import { getPathname } from '../../../../../../i18n/navigation';
import { pageLocale } from '../../../../../../i18n/page-locale';
import { classesQuery, schoolQuery } from '../../../../../../api/queries';
import { schoolReportQuery } from '../../../../../../features/reports/reports-api';
import { Prefetch } from '../../../../../../server/prefetch';
import { requireStaff } from '../../../../../../server/session';

type Props = { params: Promise<{ locale: string; schoolId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'school' });
  return { title: t('title') };
}

export default async function SchoolRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const { schoolId } = await params;
  const user = await requireStaff(locale, `/schools/${schoolId}`, 'school');
  if (!mayOpenSchool(user, schoolId)) redirect(getPathname({ href: landingPath(user), locale }));
  return (
    <Prefetch
      load={(client) => [
        client.prefetchQuery(schoolQuery(schoolId)),
        client.prefetchQuery(classesQuery({ schoolId, includeArchived: true })),
        client.prefetchQuery(schoolReportQuery(schoolId)),
      ]}
    >
      <SchoolPage schoolId={schoolId} />
    </Prefetch>
  );
}
