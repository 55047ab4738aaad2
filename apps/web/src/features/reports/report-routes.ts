import { apiPath, ROUTES } from '@sferum/contracts';

/** The dashboard's twins of /api/v1/reports: the staff session instead of a key. */
export const REPORT_ROUTES = {
  district: apiPath(ROUTES.reports.district),
  school: (schoolId: string) => apiPath(ROUTES.reports.school, { schoolId }),
  /** the same tables as XLSX files, built by the API */
  districtExport: apiPath(ROUTES.reports.districtExport),
  schoolExport: (schoolId: string) => apiPath(ROUTES.reports.schoolExport, { schoolId }),
  history: apiPath(ROUTES.reports.history),
  apiKeys: apiPath(ROUTES.apiKeys.list),
  revokeKey: (keyId: string) => apiPath(ROUTES.apiKeys.revoke, { keyId }),
} as const;
