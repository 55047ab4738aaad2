'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { useCurrentUser } from '../shell/current-user';
import { ReportBody } from './report-body';
import { districtReportQuery, historyQuery } from './reports-api';

/** «Отчёт по району»: the district admin's overview of every school. */
export function DistrictReportPage() {
  const t = useTranslations('reports.district');
  const tTable = useTranslations('reports.table');
  const user = useCurrentUser();
  const report = useQuery(districtReportQuery());
  const history = useQuery(historyQuery({}));

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('description', { name: report.data?.districtName ?? user.districtName })}
      />
      {report.isPending ? (
        <LoadingState />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportBody
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
