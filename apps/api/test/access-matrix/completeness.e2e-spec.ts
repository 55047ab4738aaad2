import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AuthController } from '../../src/auth/auth.controller';
import { HealthController } from '../../src/health/health.controller';
import { ParentController } from '../../src/invites/parent.controller';
import { MatrixWorld } from '../support/access-matrix';
import { createTestApp } from '../support/test-app';
import { ALL_MATRIX_ROWS } from './all-rows';

/**
 * The controllers the matrix does not cover, each for a reason; every other
 * controller of the running app (a new one too) must have a row per route.
 */
const OUTSIDE_THE_MATRIX = new Map<Type, string>([
  [AuthController, 'signing in and one’s own account: no object of a school'],
  [HealthController, 'public, no object'],
  [
    ParentController,
    'the parent’s side: the link’s token is the credential, not a staff role (invites and family-way tests)',
  ],
]);

const join = (...parts: string[]) => `/${parts.join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
const pathsOf = (metadata: unknown): string[] =>
  Array.isArray(metadata) ? (metadata as string[]) : [(metadata as string | undefined) ?? ''];

/** `METHOD /path` of every route of the app's controllers, as the router serves them (without the /api prefix). */
function routesOf(app: NestExpressApplication): Array<{ controller: Type; route: string }> {
  const routes: Array<{ controller: Type; route: string }> = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        for (const base of pathsOf(Reflect.getMetadata(PATH_METADATA, controller))) {
          for (const path of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({ controller, route: `${RequestMethod[method]} ${join(base, path)}` });
          }
        }
      }
    }
  }
  return routes;
}

describe('access matrix: completeness', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('has a row for every route of the roster, progress, invites, reports, privacy, org and school-year controllers', () => {
    const routes = routesOf(app).filter(({ controller }) => !OUTSIDE_THE_MATRIX.has(controller));
    expect(routes.length).toBeGreaterThan(50);
    const covered = new Set(ALL_MATRIX_ROWS.map((row) => row.route));
    expect(routes.map(({ route }) => route).filter((route) => !covered.has(route))).toEqual([]);
  });

  it('has no row for a route the app does not serve', () => {
    const served = new Set(routesOf(app).map(({ route }) => route));
    expect(ALL_MATRIX_ROWS.map((row) => row.route).filter((route) => !served.has(route))).toEqual([]);
  });

  it('asks about an object of another district on every route that names an object', () => {
    const withoutOtherDistrict = ALL_MATRIX_ROWS.filter(
      (row) => row.route.includes('/:') && !row.expected.otherDistrict,
    );
    expect(withoutOtherDistrict.map((row) => row.route)).toEqual([]);
  });
});

describe('access matrix: the fingerprint', () => {
  let world: MatrixWorld;
  beforeAll(async () => {
    world = await MatrixWorld.create();
  });
  afterAll(() => world.close());

  it('changes when a row of the world changes, is added or goes', async () => {
    const family = await world.newFamily('otherSchool');
    const first = await world.fingerprint();
    expect(await world.fingerprint()).toBe(first);
    await world.factory.dataSource.query(`UPDATE person SET display_name = display_name || '!' WHERE id = $1`, [
      family.studentId,
    ]);
    const changed = await world.fingerprint();
    expect(changed).not.toBe(first);
    await world.factory.dataSource.query(`UPDATE family SET last_reminded_at = now() WHERE id = $1`, [family.familyId]);
    expect(await world.fingerprint()).not.toBe(changed);
    const beforeAdding = await world.fingerprint();
    await world.newStaff('otherDistrict');
    expect(await world.fingerprint()).not.toBe(beforeAdding);
  });
});
