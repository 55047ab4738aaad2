import type { NextRequest } from 'next/server';
import { exportLocale, reportExport } from '../../../../../../../features/reports/export-response';
import { REPORT_ROUTES } from '../../../../../../../features/reports/report-routes';

/** The district report's table of schools as an XLSX file (built by the API). */
export async function GET(
  request: NextRequest,
  { params }: { params: Promise<{ locale: string }> },
): Promise<Response> {
  const locale = exportLocale((await params).locale);
  return reportExport({ request, locale, apiPath: REPORT_ROUTES.districtExport, pagePath: '/reports/district' });
}
