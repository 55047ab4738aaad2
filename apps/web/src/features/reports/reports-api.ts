import type { ApiKeySummary, CreatedApiKey } from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest, getFromApi } from '../../api/api-client';
import { listOf } from '../../api/parse';
import {
  parseApiKey,
  parseCreatedApiKey,
  parseDistrictReport,
  parseHistoryReport,
  parseSchoolReport,
} from './report-parse';
import { REPORT_ROUTES } from './report-routes';

export const REPORT_QUERY_ROOTS = { reports: ['reports'], apiKeys: ['api-keys'] } as const;

export const districtReportQuery = () =>
  queryOptions({
    queryKey: [...REPORT_QUERY_ROOTS.reports, 'district'],
    queryFn: getFromApi(REPORT_ROUTES.district, parseDistrictReport),
  });

export const schoolReportQuery = (schoolId: string) =>
  queryOptions({
    queryKey: [...REPORT_QUERY_ROOTS.reports, 'school', schoolId],
    queryFn: getFromApi(REPORT_ROUTES.school(schoolId), parseSchoolReport),
  });

/** The last 30 days (the API's default range) for the district or one school. */
export const historyQuery = ({ schoolId }: { schoolId?: string }) =>
  queryOptions({
    queryKey: [...REPORT_QUERY_ROOTS.reports, 'history', schoolId ?? null],
    queryFn: getFromApi(
      schoolId ? `${REPORT_ROUTES.history}?schoolId=${encodeURIComponent(schoolId)}` : REPORT_ROUTES.history,
      parseHistoryReport,
    ),
  });

export const apiKeysQuery = () =>
  queryOptions({
    queryKey: [...REPORT_QUERY_ROOTS.apiKeys],
    queryFn: getFromApi(REPORT_ROUTES.apiKeys, listOf(parseApiKey)),
  });

export function createApiKey(name: string): Promise<CreatedApiKey> {
  return apiRequest(REPORT_ROUTES.apiKeys, { method: 'POST', body: { name }, parse: parseCreatedApiKey });
}

export function revokeApiKey(keyId: string): Promise<ApiKeySummary> {
  return apiRequest(REPORT_ROUTES.revokeKey(keyId), { method: 'POST', parse: parseApiKey });
}
