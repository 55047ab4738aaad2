import { API_ROUTES, apiPath, ROUTES, type RouteTemplate } from './api-routes';

function templates(): string[] {
  return Object.values(ROUTES).flatMap((group) => (typeof group === 'string' ? [group] : Object.values(group)));
}

describe('API routes', () => {
  it('fills every parameter of a template, encoded', () => {
    expect(apiPath(ROUTES.classes.roster, { classId: 'c-1' })).toBe('/api/classes/c-1/roster');
    expect(apiPath(ROUTES.people.step, { personId: 'p-1', step: 'max_account' })).toBe(
      '/api/people/p-1/steps/max_account',
    );
    expect(apiPath(ROUTES.schools.importMapping, { schoolId: 's', name: 'Сетевой город / 2' })).toBe(
      `/api/schools/s/import-mappings/${encodeURIComponent('Сетевой город / 2')}`,
    );
  });

  it('takes no parameters for a fixed path', () => {
    expect(apiPath(ROUTES.health)).toBe('/api/health');
    expect(API_ROUTES.auth.me).toBe('/api/auth/me');
    expect(API_ROUTES.schools).toBe('/api/schools');
  });

  it('refuses an empty parameter rather than building a wrong URL', () => {
    expect(() => apiPath(ROUTES.classes.one, { classId: '' })).toThrow(':classId');
  });

  it('asks the compiler for exactly the parameters of the template', () => {
    // @ts-expect-error classId is missing
    expect(() => apiPath(ROUTES.classes.roster, {})).toThrow();
    // @ts-expect-error a fixed path takes no parameters
    apiPath(ROUTES.health, { id: 'x' });
    const route: RouteTemplate = ROUTES.parent.chat;
    expect(route).toBe('parent/people/:personId/chats/:chatId');
  });

  it('declares each path once, without the prefix or a slash at either end', () => {
    const all = templates();
    expect(new Set(all).size).toBe(all.length);
    for (const template of all) expect(template).toMatch(/^[a-z0-9][a-z0-9\-/:A-Za-z]*[a-zA-Z0-9]$/);
    for (const template of all) expect(template.startsWith('api/')).toBe(false);
  });
});
