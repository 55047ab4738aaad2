import {
  ApiKeySummarySchema,
  CreatedApiKeySchema,
  DistrictReportSchema,
  HistoryReportSchema,
  SchoolReportSchema,
} from '@sferum/contracts';
import { parserOf } from '../../api/parse';

/**
 * Parsers of the report answers, shared by the browser and the export route on
 * the server: the contract's schemas. A report may name a path the school has
 * since left (its history), so no path is checked against the catalogue here.
 */
export const parseDistrictReport = parserOf(DistrictReportSchema);
export const parseSchoolReport = parserOf(SchoolReportSchema);
export const parseHistoryReport = parserOf(HistoryReportSchema);
export const parseApiKey = parserOf(ApiKeySummarySchema);
export const parseCreatedApiKey = parserOf(CreatedApiKeySchema);
