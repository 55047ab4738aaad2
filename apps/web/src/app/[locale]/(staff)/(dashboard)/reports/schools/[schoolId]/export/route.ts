import type { NextRequest } from 'next/server';
import { exportLocale, reportExport } from '../../../../../../../../features/reports/export-response';
import { REPORT_ROUTES } from '../../../../../../../../features/reports/report-routes';

/** One school's report, class by class, as an XLSX file (built by the API). */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ locale: string; schoolId: string }> },
): Promise<Response> {
  const { locale: raw, schoolId } = await params;
  return reportExport({
    request,
    locale: exportLocale(raw),
    apiPath: REPORT_ROUTES.schoolExport(schoolId),
    pagePath: `/reports/schools/${schoolId}`,
  });
}
