/** Every API path lives under this prefix; the web app forwards it to the API. */
export const API_PREFIX = '/api';

/**
 * Every route of the API as its controller declares it, after the global
 * prefix: `:name` is a path parameter. The API's controllers use these very
 * strings, and the web builds its URLs from them with `apiPath`, so a path is
 * written once.
 */
export const ROUTES = {
  health: 'health',
  auth: {
    login: 'auth/login',
    logout: 'auth/logout',
    me: 'auth/me',
    password: 'auth/password',
    setupInfo: 'auth/setup/info',
    setup: 'auth/setup',
  },
  districts: {
    one: 'districts/:districtId',
  },
  schools: {
    list: 'schools',
    one: 'schools/:schoolId',
    path: 'schools/:schoolId/path',
    stepNotes: 'schools/:schoolId/step-notes',
    import: 'schools/:schoolId/import',
    export: 'schools/:schoolId/export',
    importMappings: 'schools/:schoolId/import-mappings',
    importMapping: 'schools/:schoolId/import-mappings/:name',
    eraseRoster: 'schools/:schoolId/erase-roster',
    newYear: 'schools/:schoolId/new-year',
    newYearPreview: 'schools/:schoolId/new-year/preview',
  },
  classes: {
    list: 'classes',
    one: 'classes/:classId',
    parentInfo: 'classes/:classId/parent-info',
    teachers: 'classes/:classId/teachers',
    roster: 'classes/:classId/roster',
    students: 'classes/:classId/students',
    familyMatch: 'classes/:classId/students/family-match',
    chats: 'classes/:classId/chats',
    progress: 'classes/:classId/progress',
    import: 'classes/:classId/import',
    export: 'classes/:classId/export',
    invites: 'classes/:classId/invites',
    eraseRoster: 'classes/:classId/erase-roster',
    changes: 'classes/:classId/changes',
    seen: 'classes/:classId/seen',
  },
  /** The caller's classes with their counts and what changed since each visit: the class cards. */
  classOverview: {
    list: 'class-overview',
  },
  staff: {
    list: 'staff',
    one: 'staff/:staffId',
    deactivate: 'staff/:staffId/deactivate',
    activate: 'staff/:staffId/activate',
    setupLink: 'staff/:staffId/setup-link',
  },
  people: {
    one: 'people/:personId',
    step: 'people/:personId/steps/:step',
    chat: 'people/:personId/chats/:chatId',
    optOut: 'people/:personId/opt-out',
    history: 'people/:personId/history',
    move: 'people/:personId/move',
    archive: 'people/:personId/archive',
    restore: 'people/:personId/restore',
  },
  families: {
    one: 'families/:familyId',
    optOut: 'families/:familyId/opt-out',
    parents: 'families/:familyId/parents',
    inviteRevoke: 'families/:familyId/invite/revoke',
    reminded: 'families/:familyId/reminded',
    personalData: 'families/:familyId/personal-data',
  },
  chats: {
    inviteLink: 'chats/:chatId/invite-link',
    membersPreview: 'chats/:chatId/members/preview',
    membersCommit: 'chats/:chatId/members/commit',
  },
  roster: {
    importTemplate: 'roster/import-template',
  },
  parent: {
    family: 'parent/family',
    step: 'parent/people/:personId/steps/:step',
    chat: 'parent/people/:personId/chats/:chatId',
    personOptOut: 'parent/people/:personId/opt-out',
    familyOptOut: 'parent/opt-out',
  },
  reports: {
    district: 'reports/district',
    school: 'reports/schools/:schoolId',
    history: 'reports/history',
    districtExport: 'reports/district/export',
    schoolExport: 'reports/schools/:schoolId/export',
  },
  reportsV1: {
    district: 'v1/reports/district',
    school: 'v1/reports/schools/:schoolId',
    history: 'v1/reports/history',
  },
  apiKeys: {
    list: 'api-keys',
    revoke: 'api-keys/:keyId/revoke',
  },
} as const;

type RouteGroups = typeof ROUTES;
/** One route template of ROUTES, such as `classes/:classId/roster`. */
export type RouteTemplate = {
  [Group in keyof RouteGroups]: RouteGroups[Group] extends string
    ? RouteGroups[Group]
    : RouteGroups[Group][keyof RouteGroups[Group]];
}[keyof RouteGroups];

/** The names of a template's path parameters: `classes/:classId/roster` → `classId`. */
export type RouteParamNames<T extends string> = T extends `${string}:${infer Name}/${infer Rest}`
  ? Name | RouteParamNames<`/${Rest}`>
  : T extends `${string}:${infer Name}`
    ? Name
    : never;

export type RouteParams<T extends string> = Record<RouteParamNames<T>, string>;

type ParamsArgument<T extends string> = [RouteParamNames<T>] extends [never] ? [] : [params: RouteParams<T>];

/**
 * The URL path of a route, with each parameter filled in and encoded:
 * `apiPath(ROUTES.classes.roster, { classId })` → `/api/classes/<classId>/roster`.
 */
export function apiPath<T extends RouteTemplate>(route: T, ...[params]: ParamsArgument<T>): string {
  const values: Record<string, string> = params ?? {};
  const filled = route.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') throw new Error(`apiPath: no value for :${name} in ${route}`);
    return encodeURIComponent(value);
  });
  return `${API_PREFIX}/${filled}`;
}

/** Fixed paths the web links to or fetches as they are. */
export const API_ROUTES = {
  health: apiPath(ROUTES.health),
  docs: `${API_PREFIX}/docs`,
  docsJson: `${API_PREFIX}/docs-json`,
  auth: {
    login: apiPath(ROUTES.auth.login),
    logout: apiPath(ROUTES.auth.logout),
    me: apiPath(ROUTES.auth.me),
    password: apiPath(ROUTES.auth.password),
    setupInfo: apiPath(ROUTES.auth.setupInfo),
    setup: apiPath(ROUTES.auth.setup),
  },
  districts: `${API_PREFIX}/districts`,
  schools: apiPath(ROUTES.schools.list),
  classes: apiPath(ROUTES.classes.list),
  staff: apiPath(ROUTES.staff.list),
} as const;

/** The session cookie set by login; HttpOnly, so only the server reads it. */
export const SESSION_COOKIE = 'sot_session';
