import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RosterFamily } from '@sferum/contracts';
import request, { type Response, type Test } from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory, unique } from '../factories/org.factory';
import { signIn } from './sign-in';
import { createTestApp } from './test-app';
import { firstOf } from './pick';

/**
 * The access matrix: every endpoint × who asks × where the object lives, with
 * the exact status the access policy gives. Everyone asking sits in district
 * D1, the school staff in school S1; the objects live in S1 (`own`, the class
 * led by `teacherOfClass`), in S2 of the same district (`otherSchool`) or in
 * S3 of district D2 (`otherDistrict`).
 */
export const STAFF_ACTORS = ['teacherOfClass', 'otherTeacher', 'schoolAdmin', 'districtAdmin'] as const;
export type StaffActor = (typeof STAFF_ACTORS)[number];
/** Reporting API keys: one of D1, one of D2. */
export const KEY_ACTORS = ['keyOfDistrict', 'keyOfOtherDistrict'] as const;
export type KeyActor = (typeof KEY_ACTORS)[number];
export type Actor = StaffActor | KeyActor;

export const PLACES = ['own', 'otherSchool', 'otherDistrict'] as const;
export type Place = (typeof PLACES)[number];

export type Expected<A extends Actor> = Record<A, number>;

/** One endpoint: the statuses per place, how to build a fresh target and how to ask about it. */
export interface MatrixRow<A extends Actor = StaffActor> {
  /** `METHOD /path/:param` as the controller declares it, without the /api prefix. */
  route: string;
  /** A variant of the same route (e.g. another body), when one endpoint has several rows. */
  variant?: string;
  expected: Partial<Record<Place, Expected<A>>>;
  /** Builds what the request is about, before the database is looked at; a fresh one per case. */
  prepare: (world: MatrixWorld, place: Place) => Promise<unknown>;
  send: (agent: TestAgent, target: never, world: MatrixWorld, place: Place) => Test;
}

/** A row whose `send` gets exactly what its `prepare` built. */
export function row<T, A extends Actor = StaffActor>(definition: {
  route: string;
  variant?: string;
  expected: Partial<Record<Place, Expected<A>>>;
  prepare: (world: MatrixWorld, place: Place) => Promise<T>;
  send: (agent: TestAgent, target: T, world: MatrixWorld, place: Place) => Test;
}): MatrixRow<A> {
  return definition;
}

/** Statuses in the order of STAFF_ACTORS: teacher of the class, another teacher of the school, school admin, district admin. */
export const by = (
  teacherOfClass: number,
  otherTeacher: number,
  schoolAdmin: number,
  districtAdmin: number,
): Expected<StaffActor> => ({
  teacherOfClass,
  otherTeacher,
  schoolAdmin,
  districtAdmin,
});

const nobody = by(404, 404, 404, 404);

/** The common shapes of the policy, given the success status. */
export const POLICY = {
  /** Whoever sees the class (its teacher, the school's and the district's admins) works on it. */
  classWork: (ok: number) => ({ own: by(ok, 404, ok, ok), otherSchool: by(404, 404, 404, ok), otherDistrict: nobody }),
  /** The class's admins only: its teacher sees it (403), another teacher does not (404). */
  classManage: (ok: number) => ({
    own: by(403, 404, ok, ok),
    otherSchool: by(404, 404, 404, ok),
    otherDistrict: nobody,
  }),
  /** Everyone of the school reads it. */
  schoolRead: (ok: number) => ({ own: by(ok, ok, ok, ok), otherSchool: by(404, 404, 404, ok), otherDistrict: nobody }),
  /** The school's admins and the district admin; its teachers see the school (403). */
  schoolAdmins: (ok: number) => ({
    own: by(403, 403, ok, ok),
    otherSchool: by(404, 404, 404, ok),
    otherDistrict: nobody,
  }),
  /** The district admin only, on their district's objects. */
  districtOnly: (ok: number) => ({
    own: by(403, 403, 403, ok),
    otherSchool: by(404, 404, 404, ok),
    otherDistrict: nobody,
  }),
};

export interface Site {
  districtId: string;
  schoolId: string;
}

/** A student with one parent, as the API created them. */
export interface Family {
  classId: string;
  familyId: string;
  studentId: string;
  studentVersion: number;
  parentId: string;
  parentVersion: number;
  /** The class's own chat. */
  classChatId: string;
}

export class MatrixWorld {
  readonly sites = {} as Record<Place, Site>;
  readonly agents = {} as Record<StaffActor, TestAgent>;
  readonly staffIds = {} as Record<StaffActor, string>;
  /** A district admin of D2, who builds D2's objects through the API. */
  private otherDistrictAdmin!: TestAgent;
  private year = 2040;
  private fingerprintSql = '';
  private readonly shared = new Map<string, Promise<unknown>>();

  private constructor(
    readonly app: NestExpressApplication,
    readonly factory: OrgFactory,
  ) {}

  static async create(): Promise<MatrixWorld> {
    const world = new MatrixWorld(await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' }), await OrgFactory.connect());
    await world.build();
    return world;
  }

  async close(): Promise<void> {
    await this.factory.close();
    await this.app.close();
  }

  private async build(): Promise<void> {
    const f = this.factory;
    const d1 = await f.district();
    const d2 = await f.district();
    this.sites.own = { districtId: d1, schoolId: await f.school(d1) };
    this.sites.otherSchool = { districtId: d1, schoolId: await f.school(d1) };
    this.sites.otherDistrict = { districtId: d2, schoolId: await f.school(d2) };
    const s1 = { districtId: d1, schoolId: this.sites.own.schoolId };
    const accounts: Record<StaffActor, { id: string; email: string }> = {
      teacherOfClass: await f.staff('teacher', s1),
      otherTeacher: await f.staff('teacher', s1),
      schoolAdmin: await f.staff('school_admin', s1),
      districtAdmin: await f.staff('district_admin', { districtId: d1 }),
    };
    for (const actor of STAFF_ACTORS) {
      this.staffIds[actor] = accounts[actor].id;
      this.agents[actor] = await signIn(this.app, accounts[actor].email);
    }
    this.otherDistrictAdmin = await signIn(this.app, (await f.staff('district_admin', { districtId: d2 })).email);
    this.fingerprintSql = await this.buildFingerprintSql();
  }

  /** A district admin of the place's district, to build objects there through the API. */
  builderOf(place: Place): TestAgent {
    return place === 'otherDistrict' ? this.otherDistrictAdmin : this.agents.districtAdmin;
  }

  /** Reporting API keys of D1 and D2 (made through the API), as agents sending them. */
  async keyAgents(): Promise<Record<KeyActor, TestAgent>> {
    const keyAgent = async (admin: TestAgent): Promise<TestAgent> => {
      const created = await admin
        .post('/api/api-keys')
        .send({ name: `Матрица ${unique()}` })
        .expect(201);
      const secret = (created.body as { secret: string }).secret;
      return request.agent(this.app.getHttpServer()).set('Authorization', `Bearer ${secret}`);
    };
    return {
      keyOfDistrict: await keyAgent(this.agents.districtAdmin),
      keyOfOtherDistrict: await keyAgent(this.otherDistrictAdmin),
    };
  }

  /**
   * A fresh class of the place, made through the API so that it has its chats
   * (and the school its school chat); in S1 it is led by `teacherOfClass`.
   * Each class has a year of its own, so that 5А can repeat.
   */
  async newClass(place: Place): Promise<string> {
    const response = await this.builderOf(place)
      .post('/api/classes')
      .send({ schoolId: this.sites[place].schoolId, grade: 5, letter: 'А', academicYear: this.nextAcademicYear() })
      .expect(201);
    const classId = (response.body as { id: string }).id;
    if (place === 'own') await this.lead(this.staffIds.teacherOfClass, classId);
    return classId;
  }

  nextAcademicYear(): string {
    this.year += 1;
    return `${this.year}/${this.year + 1}`;
  }

  async lead(staffId: string, classId: string): Promise<void> {
    await this.factory.dataSource.query(
      `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
       SELECT $1, id, school_id, district_id FROM school_class WHERE id = $2`,
      [staffId, classId],
    );
  }

  /**
   * Classes of each place kept for the whole file (the `n`th of the place), for
   * the rows whose requests leave a class usable by the next case (reads, and
   * work on one family): a fresh class per case is most of a case's time.
   */
  sharedClass(place: Place, n = 0): Promise<string> {
    return this.once(`class ${place} ${n}`, () => this.newClass(place));
  }

  /** A family of the place's shared class for the whole file, for requests that only read it or add to it. */
  sharedFamily(place: Place): Promise<Family> {
    return this.once(`family ${place}`, () => this.newFamily(place));
  }

  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let made = this.shared.get(key) as Promise<T> | undefined;
    if (!made) {
      made = make();
      this.shared.set(key, made);
    }
    return made;
  }

  /** A fresh student with one parent, added through the API to the class (by default the place's shared class). */
  async newFamily(place: Place, classId?: string): Promise<Family> {
    const targetClass = classId ?? (await this.sharedClass(place));
    const response = await this.builderOf(place)
      .post(`/api/classes/${targetClass}/students`)
      .send({ displayName: `Ученик ${unique()}`, parents: [{ displayName: `Родитель ${unique()}`, phone: phone() }] })
      .expect(201);
    const family = response.body as RosterFamily;
    const student = firstOf(family.students);
    const parent = firstOf(family.parents);
    return {
      classId: targetClass,
      familyId: family.id,
      studentId: student.id,
      studentVersion: student.version,
      parentId: parent.id,
      parentVersion: parent.version,
      classChatId: await this.classChat(targetClass),
    };
  }

  async classChat(classId: string): Promise<string> {
    const rows = await this.factory.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM chat WHERE class_id = $1 AND kind = 'class' ORDER BY created_at LIMIT 1`,
      [classId],
    );
    if (!rows[0]) throw new Error('the class has no chat');
    return rows[0].id;
  }

  /** The school's own chat (there is one once the school has a class made through the API). */
  async schoolChat(place: Place): Promise<string> {
    const rows = await this.factory.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM chat WHERE school_id = $1 AND kind = 'school'`,
      [this.sites[place].schoolId],
    );
    if (!rows[0]) throw new Error('the school has no school chat yet');
    return rows[0].id;
  }

  /** The first step of the school's current path (a school may have switched paths during the file). */
  async firstStep(schoolId: string): Promise<string> {
    const school = firstOf(
      await this.factory.dataSource.query<Array<{ path_id: string }>>(`SELECT path_id FROM school WHERE id = $1`, [
        schoolId,
      ]),
    );
    return school.path_id === 'max' ? 'max_account' : 'vk_id';
  }

  async newStaff(place: Place): Promise<string> {
    return (await this.factory.staff('teacher', this.sites[place])).id;
  }

  /**
   * A digest of every row this file's districts own, in every table but the
   * sessions' and rate limits' (which each request may touch): equal before
   * and after a refused request means it changed nothing.
   */
  async fingerprint(): Promise<string> {
    const row = firstOf(
      await this.factory.dataSource.query<Array<{ digest: string }>>(this.fingerprintSql, [
        [this.sites.own.districtId, this.sites.otherDistrict.districtId],
      ]),
    );
    return row.digest;
  }

  private async buildFingerprintSql(): Promise<string> {
    const columns = await this.factory.dataSource.query<Array<{ table_name: string; column_name: string }>>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name IN ('id', 'district_id', 'school_id', 'staff_user_id')
         AND table_name NOT IN ('staff_session', 'rate_limit_hit', 'migrations')`,
    );
    const byTable = new Map<string, Set<string>>();
    for (const { table_name, column_name } of columns) {
      byTable.set(table_name, (byTable.get(table_name) ?? new Set()).add(column_name));
    }
    const ours = {
      district: 'id = ANY($1::uuid[])',
      district_id: 'district_id = ANY($1::uuid[])',
      school_id: 'school_id IN (SELECT id FROM school WHERE district_id = ANY($1::uuid[]))',
      staff_user_id: 'staff_user_id IN (SELECT id FROM staff_user WHERE district_id = ANY($1::uuid[]))',
    };
    const parts: string[] = [];
    for (const [table, has] of [...byTable].sort(([a], [b]) => a.localeCompare(b))) {
      const where =
        table === 'district'
          ? ours.district
          : has.has('district_id')
            ? ours.district_id
            : has.has('school_id')
              ? ours.school_id
              : has.has('staff_user_id')
                ? ours.staff_user_id
                : null;
      if (where === null) throw new Error(`the access matrix does not know how to scope the table ${table}`);
      parts.push(
        // A sum of the rows' hashes with their count: no sort, and any changed, added or removed row shows.
        `(SELECT '${table}:' || count(*) || ':' || coalesce(sum(hashtext(t::text)::bigint), 0) FROM ${table} t WHERE ${where})`,
      );
    }
    return `SELECT md5(${parts.join(` || ',' || `)}) AS digest`;
  }
}

let phones = 0;
/** A phone number of its own for each parent, so that no two families share one. */
export function phone(): string {
  phones += 1;
  return `+7 9${String(Math.floor(Math.random() * 1e5)).padStart(5, '0')}${String(phones).padStart(4, '0')}`;
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/**
 * Registers one test per row × place × actor: the exact status, and for a
 * refused request that the database is as it was. One app and one world per file.
 */
export type AnyMatrixRow = MatrixRow<StaffActor> | MatrixRow<KeyActor>;

export function describeMatrix(
  title: string,
  rows: readonly AnyMatrixRow[],
  actorsOf: (world: MatrixWorld) => Promise<Partial<Record<Actor, TestAgent>>>,
  more?: (world: () => MatrixWorld) => void,
): void {
  describe(title, () => {
    let world: MatrixWorld;
    let agents: Partial<Record<Actor, TestAgent>>;

    beforeAll(async () => {
      world = await MatrixWorld.create();
      agents = await actorsOf(world);
    });
    afterAll(() => world.close());

    const cases = rows.flatMap((r) =>
      (Object.entries(r.expected) as Array<[Place, Partial<Record<Actor, number>>]>).flatMap(([place, expected]) =>
        (Object.entries(expected) as Array<[Actor, number]>).map(
          ([actor, status]) => [`${r.route}${r.variant ? ` (${r.variant})` : ''}`, place, actor, status, r] as const,
        ),
      ),
    );

    /**
     * A refused request changes nothing (each case checks it), so the refused
     * cases of a row and place share one target; each allowed one gets its own.
     */
    const refusedTargets = new Map<AnyMatrixRow, Map<Place, Promise<unknown>>>();
    const targetFor = (r: AnyMatrixRow, place: Place, status: number): Promise<unknown> => {
      if (isSuccess(status)) return r.prepare(world, place);
      const ofRow = refusedTargets.get(r) ?? new Map<Place, Promise<unknown>>();
      refusedTargets.set(r, ofRow);
      let target = ofRow.get(place);
      if (!target) {
        target = r.prepare(world, place);
        ofRow.set(place, target);
      }
      return target;
    };

    it.each(cases)('%s on an object of %s as %s → %i', async (_route, place, actor, status, r) => {
      const target = await targetFor(r, place, status);
      const before = isSuccess(status) ? '' : await world.fingerprint();
      const agent = agents[actor];
      if (!agent) throw new Error(`no agent for ${actor}`);
      const response: Response = await r.send(agent, target as never, world, place);
      // An unexpected refusal's body says why; an unexpected success's body is not printed (it holds the test's people).
      const why = response.status !== status && response.status >= 400 ? (response.body as unknown) : undefined;
      expect({ status: response.status, why }).toEqual({ status, why: undefined });
      if (!isSuccess(status)) expect(await world.fingerprint()).toBe(before);
    });

    more?.(() => world);
  });
}

export const staffAgents = (world: MatrixWorld): Promise<Partial<Record<Actor, TestAgent>>> =>
  Promise.resolve(world.agents);

/** The staff and the reporting keys of D1 and D2. */
export const staffAndKeyAgents = async (world: MatrixWorld): Promise<Partial<Record<Actor, TestAgent>>> => ({
  ...world.agents,
  ...(await world.keyAgents()),
});
