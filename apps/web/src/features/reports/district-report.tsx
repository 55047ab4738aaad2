'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { useCurrentUser } from '../shell/current-user';
import { ReportBody } from './report-body';
import { districtReportQuery, historyQuery } from './reports-api';

/** The district admin's overview of every school, titled with the district's own name («Отчёт по району» until it is known). */
export function DistrictReportPage() {
  const t = useTranslations('reports.district');
  const tTable = useTranslations('reports.table');
  const user = useCurrentUser();
  const report = useQuery(districtReportQuery());
  const history = useQuery(historyQuery({}));

  return (
    <>
      <PageHeader title={report.data?.districtName || user.districtName || t('title')} description={t('description')} />
      {report.isPending ? (
        <LoadingState />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportBody
          asOf={report.data.asOf}
          total={report.data.total}
          withPath
          sections={report.data.paths.map((path) => ({
            pathId: path.pathId,
            pathName: path.pathName,
            report: path,
            schools: path.schools,
          }))}
          rows={report.data.schools.map((school) => ({
            ...school,
            id: school.schoolId,
            name: school.schoolName,
            href: `/reports/schools/${school.schoolId}`,
          }))}
          tableHeading={t('schoolsHeading')}
          nameHeader={tTable('school')}
          empty={{ title: t('emptyTitle'), text: t('emptyText') }}
          exportPath="/reports/district/export"
          history={history}
        />
      )}
    </>
  );
}
