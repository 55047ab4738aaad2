import {
  apiPath,
  NewYearPreviewSchema,
  NewYearResultSchema,
  ROUTES,
  type NewYearOptions,
  type NewYearRequest,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import { parserOf } from '../../api/parse';
import { QUERY_ROOTS } from '../../api/queries';

export const parseNewYearPreview = parserOf(NewYearPreviewSchema);
export const parseNewYearResult = parserOf(NewYearResultSchema);

/** What the move would do with these options; under the schools' key, so that a school's change refreshes it. */
export const newYearPreviewQuery = (schoolId: string, options: NewYearOptions) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.schools, 'new-year', schoolId, options],
    queryFn: () =>
      apiRequest(apiPath(ROUTES.schools.newYearPreview, { schoolId }), {
        method: 'POST',
        body: options,
        parse: parseNewYearPreview,
      }),
    staleTime: 0,
  });

export const runNewYear = (schoolId: string, body: NewYearRequest) =>
  apiRequest(apiPath(ROUTES.schools.newYear, { schoolId }), { method: 'POST', body, parse: parseNewYearResult });
