import type { NestExpressApplication } from '@nestjs/platform-express';
import type {
  ApiErrorBody,
  ClassRoster,
  FamilyInvite,
  MemberListPreview,
  MemberListResult,
  NewYearPreview,
  NewYearResult,
  ProgressEvent,
  RosterFamily,
  SchoolSummary,
} from '@sferum/contracts';
import TestAgent from 'supertest/lib/agent';
import { SchoolYearService } from '../src/school-year/school-year.service';
import { OrgFactory } from './factories/org.factory';
import { recountFromSource, storedCounters } from './support/recount';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf } from './support/pick';

const fieldsOf = (body: unknown) => (body as ApiErrorBody).details?.map((detail) => detail.field);
const DAY = 24 * 3_600_000;

describe('the new school year', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let districtId: string;
  let schoolId: string;
  let otherSchool: string;
  let classes: Record<'1А' | '5А' | '9Б' | '11А', string>;
  let admin: TestAgent;
  let teacher: TestAgent;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    districtId = await factory.district();
    schoolId = await factory.school(districtId, undefined, 'max');
    otherSchool = await factory.school(districtId, undefined, 'max');
    await factory.schoolClass(otherSchool, 11, 'А', '2026/2027');
    classes = {
      '1А': await factory.schoolClass(schoolId, 1, 'А', '2026/2027'),
      '5А': await factory.schoolClass(schoolId, 5, 'А', '2026/2027'),
      '9Б': await factory.schoolClass(schoolId, 9, 'Б', '2026/2027'),
      '11А': await factory.schoolClass(schoolId, 11, 'А', '2026/2027'),
    };
    admin = await signIn(app, (await factory.staff('school_admin', { districtId, schoolId })).email);
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classes['5А']] })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const add = async (classId: string, name: string, familyId?: string) =>
    (
      await admin
        .post(`/api/classes/${classId}/students`)
        .send({ displayName: name, familyId, parents: familyId ? [] : [{ displayName: `Мама ${name}` }] })
        .expect(201)
    ).body as RosterFamily;
  const roster = async (classId: string) =>
    (await admin.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;

  it('moves every class up a grade, archives the leavers, keeps the steps, starts the chats anew, extends the links, and is refused twice', async () => {
    const staying = await add(classes['5А'], 'Остаётся Пётр');
    const leaving = await add(classes['11А'], 'Выпускница Анна');
    const siblings = await add(classes['11А'], 'Выпускник Олег');
    await add(classes['5А'], 'Младший Олег', siblings.id);
    await add(classes['9Б'], 'Девятиклассник Ян');
    const student = firstOf(staying.students);
    const chat = (await roster(classes['5А'])).chats.find((c) => c.kind === 'class' && c.audience === 'students')!;
    await admin
      .put(`/api/people/${student.id}/steps/max_account`)
      .send({ version: student.version, status: 'done' })
      .expect(200);
    const afterStep = firstOf((await roster(classes['5А'])).families.find((f) => f.id === staying.id)!.students);
    await admin
      .put(`/api/people/${student.id}/chats/${chat.id}`)
      .send({ version: afterStep.version, status: 'joined' })
      .expect(200);
    const invites = (
      await admin
        .post(`/api/classes/${classes['5А']}/invites`)
        .send({ familyIds: [staying.id, siblings.id] })
        .expect(200)
    ).body as FamilyInvite[];
    await admin
      .post(`/api/classes/${classes['11А']}/invites`)
      .send({ familyIds: [leaving.id] })
      .expect(200);
    const eventsBefore = await factory.count(`SELECT count(*) FROM progress_event WHERE school_id = $1`, [schoolId]);

    await teacher.post(`/api/schools/${schoolId}/new-year/preview`).send({ archiveGrade9: false }).expect(403);
    const preview = (
      await admin.post(`/api/schools/${schoolId}/new-year/preview`).send({ archiveGrade9: false }).expect(200)
    ).body as NewYearPreview;
    expect(preview).toMatchObject({
      fromYear: '2026/2027',
      toYear: '2027/2028',
      alreadyDone: false,
      newFirstGrades: ['А'],
      erasureDays: 30,
    });
    expect(preview.classes.map((c) => [c.name, c.nextName, c.action, c.students])).toEqual([
      ['1А', '2А', 'promote', 0],
      ['5А', '6А', 'promote', 2],
      ['9Б', '10Б', 'promote', 1],
      ['11А', null, 'archive', 2],
    ]);
    const with9 = (
      await admin.post(`/api/schools/${schoolId}/new-year/preview`).send({ archiveGrade9: true }).expect(200)
    ).body as NewYearPreview;
    expect(with9.classes.find((c) => c.name === '9Б')!.action).toBe('archive');

    const wrongYear = await admin
      .post(`/api/schools/${schoolId}/new-year`)
      .send({ archiveGrade9: false, toYear: '2028/2029' })
      .expect(400);
    expect(fieldsOf(wrongYear.body)).toEqual(['toYear']);
    const result = (
      await admin
        .post(`/api/schools/${schoolId}/new-year`)
        .send({ archiveGrade9: false, toYear: '2027/2028', erasureDays: 30 })
        .expect(200)
    ).body as NewYearResult;
    expect(result).toMatchObject({
      fromYear: '2026/2027',
      toYear: '2027/2028',
      promoted: 3,
      archived: 1,
      created: 1,
      leavers: 2,
      linksExtended: 2,
    });

    // 5А is now 6А of the new year, with its students; their account steps stay, the class chat is a new one.
    const moved = await roster(classes['5А']);
    expect(moved.schoolClass).toMatchObject({ name: '6А', academicYear: '2027/2028' });
    const movedStudent = firstOf(moved.families.find((f) => f.id === staying.id)!.students);
    expect(movedStudent.steps.map((s) => [s.step, s.status])).toEqual([
      ['max_account', 'done'],
      ['school_profile', 'done'],
    ]);
    const newChat = moved.chats.find((c) => c.kind === 'class' && c.audience === 'students')!;
    expect(newChat.id).not.toBe(chat.id);
    expect(movedStudent.chats.find((m) => m.chatId === newChat.id)!.status).toBe('not_joined');
    expect(await storedCounters(factory.dataSource, classes['5А'])).toEqual(
      await recountFromSource(factory.dataSource, classes['5А']),
    );
    // History stays.
    expect(await factory.count(`SELECT count(*) FROM progress_event WHERE school_id = $1`, [schoolId])).toBe(
      eventsBefore,
    );

    // Links: extended to the end of the new year where a child stays; the leaver's family's link ends.
    const links = (await admin.get(`/api/classes/${classes['5А']}/invites`).expect(200)).body as FamilyInvite[];
    for (const invite of invites) {
      expect(links.find((l) => l.familyId === invite.familyId)!.expiresAt).toBe('2028-08-31T20:59:59.000Z');
    }
    expect(
      await factory.count(`SELECT count(*) FROM invite WHERE family_id = $1 AND revoked_at IS NULL`, [leaving.id]),
    ).toBe(0);
    // The leavers are archived; a sibling's parent stays; the class is archived with its erasure day.
    expect(
      await factory.count(`SELECT count(*) FROM person WHERE family_id = $1 AND archived_at IS NULL`, [leaving.id]),
    ).toBe(0);
    expect(
      await factory.count(
        `SELECT count(*) FROM person WHERE family_id = $1 AND kind = 'parent' AND archived_at IS NULL`,
        [siblings.id],
      ),
    ).toBe(1);
    expect(
      await factory.count(
        `SELECT count(*) FROM school_class WHERE id = $1 AND archived_at IS NOT NULL AND erase_after IS NOT NULL`,
        [classes['11А']],
      ),
    ).toBe(1);
    // A new first grade, empty; the other school untouched; the district sees each school's year.
    expect(
      await factory.count(
        `SELECT count(*) FROM school_class WHERE school_id = $1 AND grade = 1 AND academic_year = '2027/2028'`,
        [schoolId],
      ),
    ).toBe(1);
    expect(
      await factory.count(
        `SELECT count(*) FROM school_class WHERE school_id = $1 AND academic_year = '2026/2027' AND archived_at IS NULL`,
        [otherSchool],
      ),
    ).toBe(1);
    const district = await signIn(app, (await factory.staff('district_admin', { districtId })).email);
    const schools = (await district.get('/api/schools').expect(200)).body as SchoolSummary[];
    expect(schools.find((s) => s.id === schoolId)!.academicYear).toBe('2027/2028');
    expect(schools.find((s) => s.id === otherSchool)!.academicYear).toBe('2026/2027');

    await admin
      .post(`/api/schools/${schoolId}/new-year`)
      .send({ archiveGrade9: false, toYear: '2027/2028' })
      .expect(409);
    expect(
      (
        (await admin.post(`/api/schools/${schoolId}/new-year/preview`).send({ archiveGrade9: false }).expect(200))
          .body as NewYearPreview
      ).toYear,
    ).toBe('2028/2029');

    // The daily job erases the leavers once their day has come, with their families where nobody stays; the aggregates stay.
    const job = app.get(SchoolYearService);
    expect(await job.eraseDueLeavers(new Date(Date.now() + 29 * DAY))).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM person WHERE family_id = $1`, [leaving.id])).toBe(2);
    expect(await job.eraseDueLeavers(new Date(Date.now() + 31 * DAY))).toBe(3);
    expect(await factory.count(`SELECT count(*) FROM family WHERE id = $1`, [leaving.id])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM person WHERE family_id = $1`, [siblings.id])).toBe(2);
    expect(await factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [classes['11А']])).toBe(0);
    expect(await factory.count(`SELECT count(*) FROM progress_snapshot WHERE class_id = $1`, [classes['11А']])).toBe(1);
    expect(await factory.count(`SELECT count(*) FROM school_class WHERE id = $1`, [classes['11А']])).toBe(1);
    expect(await job.eraseDueLeavers(new Date(Date.now() + 40 * DAY))).toBe(0);
  });
});

describe('a chat’s member list', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let teacher: TestAgent;
  let classId: string;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    const schoolId = await factory.school(districtId, undefined, 'max');
    classId = await factory.schoolClass(schoolId, 7, 'Г');
    teacher = await signIn(
      app,
      (await factory.staff('teacher', { districtId, schoolId }, { classIds: [classId] })).email,
    );
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  it('marks the people it finds as joined, from exact, reordered and ё/е names; asks about the ambiguous; a second paste changes nothing', async () => {
    for (const name of ['Ёжикова Алёна', 'Семенов Пётр', 'Котова Вера', 'Котова Вера', 'Лисин Глеб']) {
      await teacher.post(`/api/classes/${classId}/students`).send({ displayName: name }).expect(201);
    }
    const roster = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const chat = roster.chats.find((c) => c.kind === 'class' && c.audience === 'students')!;
    const id = (name: string) =>
      roster.families
        .flatMap((f) => f.students)
        .filter((s) => s.displayName === name)
        .map((s) => s.id);
    const pasted = [
      'Участники · 6',
      'Ежикова Алена',
      'Пётр Семёнов',
      'Котова Вера',
      'Смирнова Елена Игоревна\tУчитель',
      'Лисин Глеб',
    ].join('\n');

    const preview = (await teacher.post(`/api/chats/${chat.id}/members/preview`).send({ text: pasted }).expect(200))
      .body as MemberListPreview;
    expect(preview.matched.map((m) => m.displayName).sort()).toEqual(['Ёжикова Алёна', 'Лисин Глеб', 'Семенов Пётр']);
    expect(preview.ambiguous.map((a) => a.candidates.map((c) => c.personId).sort())).toEqual([
      id('Котова Вера').sort(),
    ]);
    expect(preview.unknown.map((u) => u.text)).toEqual(['Участники · 6', 'Смирнова Елена Игоревна\tУчитель']);

    const chosen = [...preview.matched.map((m) => m.personId), id('Котова Вера')[0]];
    const committed = (
      await teacher.post(`/api/chats/${chat.id}/members/commit`).send({ personIds: chosen }).expect(200)
    ).body as MemberListResult;
    expect(committed).toEqual({ joined: 4, unchanged: 0 });
    const after = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const joined = after.families
      .flatMap((f) => f.students)
      .filter((s) => s.chats.find((m) => m.chatId === chat.id)!.status === 'joined');
    expect(joined).toHaveLength(4);
    expect(joined.every((s) => s.steps.every((step) => step.status === 'done'))).toBe(true);
    const history = (await teacher.get(`/api/people/${chosen[0]}/history`).expect(200)).body as ProgressEvent[];
    expect(history.find((e) => e.kind === 'chat')).toMatchObject({ toStatus: 'joined', source: 'member_list' });
    expect(await storedCounters(factory.dataSource, classId)).toEqual(
      await recountFromSource(factory.dataSource, classId),
    );

    const again = (await teacher.post(`/api/chats/${chat.id}/members/preview`).send({ text: pasted }).expect(200))
      .body as MemberListPreview;
    expect(again.matched).toEqual([]);
    expect(again.alreadyJoined.map((m) => m.displayName).sort()).toEqual([
      'Ёжикова Алёна',
      'Лисин Глеб',
      'Семенов Пётр',
    ]);
    const events = await factory.count(`SELECT count(*) FROM progress_event WHERE source = 'member_list'`);
    expect(
      (await teacher.post(`/api/chats/${chat.id}/members/commit`).send({ personIds: chosen }).expect(200)).body,
    ).toEqual({ joined: 0, unchanged: 4 });
    expect(await factory.count(`SELECT count(*) FROM progress_event WHERE source = 'member_list'`)).toBe(events);
  });

  it('refuses someone who is not in the chat, naming personIds, and another class’s chat with 404', async () => {
    const roster = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
    const chat = roster.chats.find((c) => c.kind === 'class')!;
    const parentChat = roster.chats.find((c) => c.kind === 'class' && c.audience === 'parents')!;
    const student = firstOf(firstOf(roster.families).students);
    const wrong = await teacher
      .post(`/api/chats/${parentChat.id}/members/commit`)
      .send({ personIds: [student.id] })
      .expect(400);
    expect(fieldsOf(wrong.body)).toEqual(['personIds']);
    const otherDistrict = await factory.district();
    const otherSchool = await factory.school(otherDistrict, undefined, 'max');
    const outsider = await signIn(
      app,
      (await factory.staff('school_admin', { districtId: otherDistrict, schoolId: otherSchool })).email,
    );
    await outsider.post(`/api/chats/${chat.id}/members/preview`).send({ text: 'Лисин Глеб' }).expect(404);
  });
});
