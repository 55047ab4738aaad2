import { describeMatrix, staffAgents, type StaffActor } from '../support/access-matrix';
import { signIn } from '../support/sign-in';
import { ORG_ROWS } from './org.rows';

describeMatrix('access matrix: org (districts, schools, classes, staff)', ORG_ROWS, staffAgents, (getWorld) => {
  describe('lists show only what is in scope', () => {
    it('lists the schools of the district for its admin and the own school for the others', async () => {
      const w = getWorld();
      const schools = async (actor: StaffActor) =>
        (await w.agents[actor].get('/api/schools').expect(200)).body as Array<{ id: string; districtId: string }>;
      const ids = async (actor: StaffActor) => (await schools(actor)).map((s) => s.id);
      const districtView = await schools('districtAdmin');
      expect(districtView.map((s) => s.id)).toEqual(
        expect.arrayContaining([w.sites.own.schoolId, w.sites.otherSchool.schoolId]),
      );
      expect(districtView.map((s) => s.id)).not.toContain(w.sites.otherDistrict.schoolId);
      expect(new Set(districtView.map((s) => s.districtId))).toEqual(new Set([w.sites.own.districtId]));
      expect(await ids('schoolAdmin')).toEqual([w.sites.own.schoolId]);
      expect(await ids('teacherOfClass')).toEqual([w.sites.own.schoolId]);
    });

    it('lists for a teacher only the classes they lead, not the other classes of their school', async () => {
      const w = getWorld();
      const led = await w.newClass('own');
      const notLed = await w.factory.schoolClass(w.sites.own.schoolId, 5, 'А', w.nextAcademicYear());
      const ids = async (actor: StaffActor) =>
        ((await w.agents[actor].get('/api/classes').expect(200)).body as Array<{ id: string }>).map((c) => c.id);
      expect(await ids('teacherOfClass')).toContain(led);
      expect(await ids('teacherOfClass')).not.toContain(notLed);
      expect(await ids('otherTeacher')).not.toContain(led);
      expect(await ids('schoolAdmin')).toEqual(expect.arrayContaining([led, notLed]));
    });

    it('lists staff of other schools only for the district admin', async () => {
      const w = getWorld();
      const elsewhere = await w.newStaff('otherSchool');
      const otherDistrict = await w.newStaff('otherDistrict');
      const ids = async (actor: StaffActor) =>
        ((await w.agents[actor].get('/api/staff').expect(200)).body as Array<{ id: string }>).map((s) => s.id);
      expect(await ids('districtAdmin')).toContain(elsewhere);
      expect(await ids('districtAdmin')).not.toContain(otherDistrict);
      expect(await ids('schoolAdmin')).not.toContain(elsewhere);
      await w.agents.teacherOfClass.get('/api/staff').expect(403);
    });
  });

  it('gives a teacher of 5А a 404 for 5Б of the same school', async () => {
    const w = getWorld();
    const academicYear = w.nextAcademicYear();
    const class5A = await w.factory.schoolClass(w.sites.own.schoolId, 5, 'А', academicYear);
    const class5B = await w.factory.schoolClass(w.sites.own.schoolId, 5, 'Б', academicYear);
    const teacher = await w.factory.staff('teacher', w.sites.own, { classIds: [class5A] });
    const agent = await signIn(w.app, teacher.email);
    await agent.get(`/api/classes/${class5A}`).expect(200);
    await agent.get(`/api/classes/${class5B}`).expect(404);
  });

  it('lets a teacher read their own account, not another teacher’s', async () => {
    const w = getWorld();
    await w.agents.teacherOfClass.get(`/api/staff/${w.staffIds.teacherOfClass}`).expect(200);
    await w.agents.teacherOfClass.get(`/api/staff/${w.staffIds.otherTeacher}`).expect(404);
  });
});
