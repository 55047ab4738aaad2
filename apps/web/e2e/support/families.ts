import { expect, type APIRequestContext } from '@playwright/test';
import type {
  ClassRoster,
  CurrentUser,
  FamilyInvite,
  RosterFamily,
  SchoolClassSummary,
  StaffMember,
} from '@sferum/contracts';
import { DEMO_TEACHER } from './demo-session';

/** The id of a class the caller sees, by its name («1А»). */
export async function classIdByName(api: APIRequestContext, name: string): Promise<string> {
  const classes = (await (await api.get('/api/classes')).json()) as SchoolClassSummary[];
  const id = classes.find((schoolClass) => schoolClass.name === name)?.id ?? '';
  expect(id, `a class ${name}`).not.toBe('');
  return id;
}

/** Adds a student with their parents to a class, as the teacher's form does. */
export async function addFamily(
  api: APIRequestContext,
  classId: string,
  student: string,
  parents: string[],
): Promise<RosterFamily> {
  const created = await api.post(`/api/classes/${classId}/students`, {
    data: { displayName: student, parents: parents.map((displayName) => ({ displayName })) },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as RosterFamily;
}

/** Issues the family's personal link and short code, and returns them as the links tab lists them. */
export async function issueLink(api: APIRequestContext, classId: string, familyId: string): Promise<FamilyInvite> {
  expect((await api.post(`/api/classes/${classId}/invites`, { data: { familyIds: [familyId] } })).ok()).toBe(true);
  const invites = (await (await api.get(`/api/classes/${classId}/invites`)).json()) as FamilyInvite[];
  const invite = invites.find((one) => one.familyId === familyId);
  expect(invite?.link).toMatch(/\/p\//);
  return invite as FamilyInvite;
}

/** The family as the class's roster has it now (with the people's current versions). */
export async function rosterFamily(api: APIRequestContext, classId: string, familyId: string): Promise<RosterFamily> {
  const roster = (await (await api.get(`/api/classes/${classId}/roster`)).json()) as ClassRoster;
  const family = roster.families.find((candidate) => candidate.id === familyId);
  expect(family, 'the family in its class').toBeDefined();
  return family as RosterFamily;
}

/** Archives every person of the family: the demo school is left as other specs count it. */
export async function archiveFamily(api: APIRequestContext, classId: string, familyId: string): Promise<void> {
  const family = await rosterFamily(api, classId, familyId);
  for (const person of [...family.students, ...family.parents]) {
    const archived = await api.post(`/api/people/${person.id}/archive`, { data: { version: person.version } });
    expect(archived.ok()).toBe(true);
  }
}

/**
 * A class of the school admin's school led by the demo teacher: a spec that needs a class of its own (a first
 * visit, a class of 30, an empty class) makes one, as the school's admin would. Letters tell the specs' classes apart.
 */
export async function classOfDemoTeacher(admin: APIRequestContext, grade: number, letter: string): Promise<string> {
  const me = (await (await admin.get('/api/auth/me')).json()) as CurrentUser;
  const created = await admin.post('/api/classes', { data: { schoolId: me.schoolId, grade, letter } });
  expect(created.status()).toBe(201);
  const classId = ((await created.json()) as SchoolClassSummary).id;
  const staff = (await (await admin.get(`/api/staff?schoolId=${me.schoolId ?? ''}`)).json()) as StaffMember[];
  const teacher = staff.find((member) => member.email === DEMO_TEACHER.email);
  expect(teacher, 'the demo teacher').toBeDefined();
  const led = await admin.put(`/api/classes/${classId}/teachers`, { data: { teacherIds: [teacher?.id] } });
  expect(led.ok()).toBe(true);
  return classId;
}
