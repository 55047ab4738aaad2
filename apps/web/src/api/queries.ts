import { API_ROUTES } from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from './api-client';
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

export function byId(path: string, id: string): string {
  return `${path}/${encodeURIComponent(id)}`;
}

export const districtQuery = (districtId: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.districts, districtId],
    queryFn: () => apiRequest(byId(API_ROUTES.districts, districtId), { parse: parseDistrict }),
  });

export const schoolsQuery = () =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.schools, 'list'],
    queryFn: () => apiRequest(API_ROUTES.schools, { parse: listOf(parseSchool) }),
  });

export const schoolQuery = (schoolId: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.schools, 'one', schoolId],
    queryFn: () => apiRequest(byId(API_ROUTES.schools, schoolId), { parse: parseSchool }),
  });

/** Classes the caller can see; a teacher gets the classes they lead. */
export const classesQuery = ({ schoolId, includeArchived = false }: { schoolId?: string; includeArchived?: boolean }) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.classes, 'list', { schoolId: schoolId ?? null, includeArchived }],
    queryFn: () =>
      apiRequest(withQuery(API_ROUTES.classes, { schoolId, includeArchived: includeArchived ? 'true' : undefined }), {
        parse: listOf(parseSchoolClass),
      }),
  });

export const classQuery = (classId: string) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.classes, 'one', classId],
    queryFn: () => apiRequest(byId(API_ROUTES.classes, classId), { parse: parseSchoolClass }),
  });

export const staffQuery = ({ schoolId }: { schoolId?: string }) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.staff, 'list', { schoolId: schoolId ?? null }],
    queryFn: () => apiRequest(withQuery(API_ROUTES.staff, { schoolId }), { parse: listOf(parseStaffMember) }),
  });
