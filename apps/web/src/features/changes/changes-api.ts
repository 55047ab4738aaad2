import {
  apiPath,
  ClassChangesSchema,
  ClassOverviewListSchema,
  ClassSeenSchema,
  ROUTES,
  type ClassSeen,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest, getFromApi } from '../../api/api-client';
import { parserOf } from '../../api/parse';

export const parseClassChanges = parserOf(ClassChangesSchema);
export const parseClassOverview = parserOf(ClassOverviewListSchema);
const parseClassSeen = parserOf(ClassSeenSchema);

const CHANGES_ROOT = ['changes'] as const;

export const changesKeys = {
  all: CHANGES_ROOT,
  ofClass: (classId: string) => [...CHANGES_ROOT, 'class', classId] as const,
  overview: [...CHANGES_ROOT, 'overview'] as const,
};

/**
 * What changed since the caller's last visit. Fetched afresh by the server each
 * time the class page opens (that is a visit; its answer replaces what the
 * browser holds) and then kept as it was while the page stays open: marking the
 * class seen must not empty the summary being read.
 */
export const classChangesQuery = (classId: string) =>
  queryOptions({
    queryKey: changesKeys.ofClass(classId),
    queryFn: getFromApi(apiPath(ROUTES.classes.changes, { classId }), parseClassChanges),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

/** The caller's classes with their counts and their news: the class cards. */
export const classOverviewQuery = () =>
  queryOptions({
    queryKey: changesKeys.overview,
    queryFn: getFromApi(apiPath(ROUTES.classOverview.list), parseClassOverview),
  });

export const changesApi = {
  /** The summary up to `seenAt` (its asOf) has been shown: what came after stays new. */
  markSeen: (classId: string, seenAt: string): Promise<ClassSeen> =>
    apiRequest(apiPath(ROUTES.classes.seen, { classId }), { method: 'PUT', body: { seenAt }, parse: parseClassSeen }),
};
