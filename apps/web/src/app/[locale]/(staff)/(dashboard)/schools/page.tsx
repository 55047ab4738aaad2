import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DistrictSchools } from '../../../../../features/schools/district-schools';
import { pageLocale } from '../../../../../i18n/page-locale';
import { districtQuery, schoolsQuery } from '../../../../../api/queries';
import { districtReportQuery } from '../../../../../features/reports/reports-api';
import { Prefetch } from '../../../../../server/prefetch';
import { requireStaff } from '../../../../../server/session';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'schools' });
  return { title: t('title') };
}

export default async function DistrictSchoolsRoute({ params }: Props) {
  const locale = await pageLocale(params);
  const user = await requireStaff(locale, '/schools', 'districtSchools');
  return (
    <Prefetch
      load={(client) => [
        client.prefetchQuery(districtQuery(user.districtId)),
        client.prefetchQuery(schoolsQuery()),
        client.prefetchQuery(districtReportQuery()),
      ]}
    >
      <DistrictSchools />
    </Prefetch>
  );
}
