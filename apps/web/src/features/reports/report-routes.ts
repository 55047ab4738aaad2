/** The dashboard's twins of /api/v1/reports: the staff session instead of a key. */
export const REPORT_ROUTES = {
  district: '/api/reports/district',
  school: (schoolId: string) => `/api/reports/schools/${encodeURIComponent(schoolId)}`,
  /** the same tables as XLSX files, built by the API */
  districtExport: '/api/reports/district/export',
  schoolExport: (schoolId: string) => `/api/reports/schools/${encodeURIComponent(schoolId)}/export`,
  history: '/api/reports/history',
  apiKeys: '/api/api-keys',
  revokeKey: (keyId: string) => `/api/api-keys/${encodeURIComponent(keyId)}/revoke`,
} as const;
