import type { NextRequest } from 'next/server';
import { exportLocale, reportExport } from '../../../../../../../features/reports/export-response';
import { parseDistrictReport } from '../../../../../../../features/reports/report-parse';
import { REPORT_ROUTES } from '../../../../../../../features/reports/report-routes';

/** The district report's table of schools as an XLSX file. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ locale: string }> }): Promise<Response> {
  const locale = exportLocale((await params).locale);
  return reportExport({
    request,
    locale,
    apiPath: REPORT_ROUTES.district,
    pagePath: '/reports/district',
    parse: parseDistrictReport,
    toTable: (report) => ({
      title: report.districtName,
      total: report.total,
      rows: report.schools.map((school) => ({ ...school, name: school.schoolName, classes: school.classes })),
    }),
    file: 'district',
  });
}
