import { API_ROUTES, apiPath, ROUTES } from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { getFromApi } from './api-client';
import { listOf, parseDistrict, parseSchool, parseSchoolClass, parseStaffMember } from './parse';

/** Key prefixes: invalidating one refreshes every query under it. */
export const QUERY_ROOTS = {
  districts: ['districts'],
  schools: ['schools'],
  classes: ['classes'],
  staff: ['staff'],
} as const;

function withQuery(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, value);
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

export const districtQuery = (districtId: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.districts, districtId],
    queryFn: getFromApi(apiPath(ROUTES.districts.one, { districtId }), parseDistrict),
  });

export const schoolsQuery = () =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.schools, 'list'],
    queryFn: getFromApi(API_ROUTES.schools, listOf(parseSchool)),
  });

export const schoolQuery = (schoolId: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.schools, 'one', schoolId],
    queryFn: getFromApi(apiPath(ROUTES.schools.one, { schoolId }), parseSchool),
  });

/** Classes the caller can see; a teacher gets the classes they lead. */
export const classesQuery = ({ schoolId, includeArchived = false }: { schoolId?: string; includeArchived?: boolean }) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.classes, 'list', { schoolId: schoolId ?? null, includeArchived }],
    queryFn: getFromApi(
      withQuery(API_ROUTES.classes, { schoolId, includeArchived: includeArchived ? 'true' : undefined }),
      listOf(parseSchoolClass),
    ),
  });

export const classQuery = (classId: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.classes, 'one', classId],
    queryFn: getFromApi(apiPath(ROUTES.classes.one, { classId }), parseSchoolClass),
  });

export const staffQuery = ({ schoolId }: { schoolId?: string }) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.staff, 'list', { schoolId: schoolId ?? null }],
    queryFn: getFromApi(withQuery(API_ROUTES.staff, { schoolId }), listOf(parseStaffMember)),
  });
