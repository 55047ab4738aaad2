'use client';

import { Anchor } from '@mantine/core';
import { roleMay, type ClassReportRow } from '@sferum/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { PageHeader } from '../../components/ui/page-header';
import { ErrorState, LoadingState } from '../../components/ui/query-state';
import { Link } from '../../i18n/client-navigation';
import { useCurrentUser } from '../shell/current-user';
import type { TableRow } from './progress-table';
import { ReportBody } from './report-body';
import { historyQuery, schoolReportQuery } from './reports-api';

/** Classes by name; the academic year joins the name when the report spans more than one. */
function classRows(classes: ClassReportRow[]): TableRow[] {
  const years = new Set(classes.map((schoolClass) => schoolClass.academicYear));
  return classes.map((schoolClass) => ({
    ...schoolClass,
    id: schoolClass.classId,
    name: years.size > 1 ? `${schoolClass.className} (${schoolClass.academicYear})` : schoolClass.className,
  }));
}

/** «Отчёт по школе»: one school, class by class; for its admin and for the district admin. */
export function SchoolReportPage({ schoolId }: { schoolId: string }) {
  const t = useTranslations('reports.school');
  const tTable = useTranslations('reports.table');
  const user = useCurrentUser();
  const report = useQuery(schoolReportQuery(schoolId));
  const history = useQuery(historyQuery({ schoolId }));

  return (
    <>
      {roleMay(user.role, 'district.read') && (
        <Anchor component={Link} href="/reports/district" size="sm" mb="xs" display="inline-block">
          ← {t('backToDistrict')}
        </Anchor>
      )}
      <PageHeader
        title={t('title')}
        description={
          (report.data?.schoolName ?? user.schoolName)
            ? t('description', { name: report.data?.schoolName ?? user.schoolName ?? '' })
            : undefined
        }
      />
      {report.isPending ? (
        <LoadingState />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <ReportBody
          asOf={report.data.asOf}
          total={report.data.total}
          withPath={new Set(report.data.classes.map((schoolClass) => schoolClass.pathId)).size > 1}
          sections={[{ pathId: report.data.pathId, pathName: report.data.pathName, report: report.data.total }]}
          rows={classRows(report.data.classes)}
          tableHeading={t('classesHeading')}
          nameHeader={tTable('class')}
          empty={{ title: t('emptyTitle'), text: t('emptyText') }}
          exportPath={`/reports/schools/${schoolId}/export`}
          history={history}
        />
      )}
    </>
  );
}
