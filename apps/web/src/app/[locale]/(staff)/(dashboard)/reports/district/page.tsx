import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DistrictReportPage } from '../../../../../../features/reports/district-report';
import { pageLocale } from '../../../../../../i18n/page-locale';
import { districtReportQuery, historyQuery } from '../../../../../../features/reports/reports-api';
import { Prefetch } from '../../../../../../server/prefetch';
import { getCurrentUser, requireStaff } from '../../../../../../server/session';

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await pageLocale(params);
  const t = await getTranslations({ locale, namespace: 'reports.district' });
  // The district's own name, as the page's heading; the generic title only without one.
  const user = await getCurrentUser();
  return { title: user?.districtName || t('title') };
}

export default async function DistrictReportRoute({ params }: Props) {
  const locale = await pageLocale(params);
  await requireStaff(locale, '/reports/district', 'districtSchools');
  return (
    <Prefetch load={(client) => [client.prefetchQuery(districtReportQuery()), client.prefetchQuery(historyQuery({}))]}>
      <DistrictReportPage />
    </Prefetch>
  );
}
