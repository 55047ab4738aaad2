import type { NextRequest } from 'next/server';
import { exportLocale, reportExport } from '../../../../../../../../features/reports/export-response';
import { parseSchoolReport } from '../../../../../../../../features/reports/report-parse';
import { REPORT_ROUTES } from '../../../../../../../../features/reports/report-routes';

/** One school's report, class by class, as an XLSX file. */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ locale: string; schoolId: string }> },
): Promise<Response> {
  const { locale: raw, schoolId } = await params;
  const locale = exportLocale(raw);
  return reportExport({
    request,
    locale,
    apiPath: REPORT_ROUTES.school(schoolId),
    pagePath: `/reports/schools/${schoolId}`,
    parse: parseSchoolReport,
    toTable: (report) => ({
      title: report.schoolName,
      total: report.total,
      rows: report.classes.map((schoolClass) => ({ ...schoolClass, name: schoolClass.className })),
    }),
    file: 'school',
  });
}
