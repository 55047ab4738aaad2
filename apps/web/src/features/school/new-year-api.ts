import {
  API_ROUTES,
  type NewYearClass,
  type NewYearOptions,
  type NewYearPreview,
  type NewYearRequest,
  type NewYearResult,
} from '@sferum/contracts';
import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../api/api-client';
import { bool, list, num, oneOf, optionalStr, record, ResponseShapeError, str, type Parser } from '../../api/parse';
import { byId, QUERY_ROOTS } from '../../api/queries';

const ACTIONS: ReadonlyArray<NewYearClass['action']> = ['promote', 'archive'];

const parseNewYearClass: Parser<NewYearClass> = (value) => {
  const o = record(value, 'new year class');
  return {
    classId: str(o, 'classId'),
    name: str(o, 'name'),
    nextName: optionalStr(o, 'nextName'),
    action: oneOf(o, 'action', ACTIONS),
    students: num(o, 'students'),
  };
};

export const parseNewYearPreview: Parser<NewYearPreview> = (value) => {
  const o = record(value, 'new year preview');
  return {
    fromYear: str(o, 'fromYear'),
    toYear: str(o, 'toYear'),
    alreadyDone: bool(o, 'alreadyDone'),
    classes: list(o.classes, parseNewYearClass, 'classes'),
    newFirstGrades: list(
      o.newFirstGrades,
      (letter) => {
        if (typeof letter !== 'string') throw new ResponseShapeError('newFirstGrades');
        return letter;
      },
      'newFirstGrades',
    ),
    erasureDays: num(o, 'erasureDays'),
  };
};

export const parseNewYearResult: Parser<NewYearResult> = (value) => {
  const o = record(value, 'new year result');
  return {
    fromYear: str(o, 'fromYear'),
    toYear: str(o, 'toYear'),
    promoted: num(o, 'promoted'),
    archived: num(o, 'archived'),
    created: num(o, 'created'),
    leavers: num(o, 'leavers'),
    eraseOn: str(o, 'eraseOn'),
    linksExtended: num(o, 'linksExtended'),
  };
};

const newYearPath = (schoolId: string) => `${byId(API_ROUTES.schools, schoolId)}/new-year`;

/** What the move would do with these options; under the schools' key, so that a school's change refreshes it. */
export const newYearPreviewQuery = (schoolId: string, options: NewYearOptions) =>
  queryOptions({
    queryKey: [...QUERY_ROOTS.schools, 'new-year', schoolId, options],
    queryFn: () =>
      apiRequest(`${newYearPath(schoolId)}/preview`, { method: 'POST', body: options, parse: parseNewYearPreview }),
    staleTime: 0,
  });

export const runNewYear = (schoolId: string, body: NewYearRequest) =>
  apiRequest(newYearPath(schoolId), { method: 'POST', body, parse: parseNewYearResult });
