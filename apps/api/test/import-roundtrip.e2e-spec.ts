import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ClassRoster, ImportReport } from '@sferum/contracts';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import * as iconv from 'iconv-lite';
import TestAgent from 'supertest/lib/agent';
import { OrgFactory } from './factories/org.factory';
import { xlsxOfRows } from './fixtures/journal-xlsx';
import { signIn } from './support/sign-in';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

interface Person {
  /** two or three words: surname, first name, patronymic */
  parts: string[];
  phone: string | null;
}
interface Family {
  students: Person[];
  parents: Person[];
}

const SURNAMES = ['Иванов', 'Ёлкин', 'Сидоров', 'Кузнецов', 'Д’Артаньян', 'Петров-Водкин', 'Smith', 'Ли'];
const FIRST_NAMES = ['Пётр', 'Анна', 'Семён', 'Алёна', 'Жанна', 'Ян', 'Эмма', 'John'];
const PATRONYMICS = ['Сергеевич', 'Ивановна', 'Фёдорович', 'Олеговна'];

const person = (withPhone: boolean): fc.Arbitrary<Person> =>
  fc
    .record({
      parts: fc.tuple(
        fc.constantFrom(...SURNAMES),
        fc.constantFrom(...FIRST_NAMES),
        fc.option(fc.constantFrom(...PATRONYMICS)),
      ),
      phone: withPhone ? fc.option(fc.integer({ min: 0, max: 999_999_999 }), { freq: 2 }) : fc.constant(null),
    })
    .map(({ parts: [surname, first, patronymic], phone }) => ({
      parts: patronymic === null ? [surname, first] : [surname, first, patronymic],
      phone: phone === null ? null : `9${String(phone).padStart(9, '0')}`,
    }));

/** Families of one to three children; children without a parent are alone in theirs, as the import cannot tell them siblings. */
const roster: fc.Arbitrary<Family[]> = fc
  .array(
    fc.integer({ min: 0, max: 2 }).chain((parentCount) =>
      fc.record({
        students: fc.array(person(true), { minLength: 1, maxLength: parentCount === 0 ? 1 : 3 }),
        parents: fc.array(person(true), { minLength: parentCount, maxLength: parentCount }),
      }),
    ),
    { minLength: 1, maxLength: 6 },
  )
  // Every name once in the roster (a namesake parent with no phone would join two families), and every phone once.
  .map((families) => {
    let n = 0;
    const unique = (p: Person): Person => {
      n += 1;
      const suffix =
        'абвгдежзиклмнопрстуфхцчшщэюя'.charAt(n % 28) + 'абвгдежзиклмнопрстуфхцчшщэюя'.charAt(Math.floor(n / 28) % 28);
      return {
        parts: [`${p.parts[0]}${suffix}`, ...p.parts.slice(1)],
        phone: p.phone === null ? null : `${p.phone.slice(0, 6)}${String(n).padStart(4, '0')}`,
      };
    };
    return families.map((f) => ({ students: f.students.map(unique), parents: f.parents.map(unique) }));
  });

/** How a file names its columns: one journal's words or another's. */
const STYLES = [
  {
    full: ['ФИО', 'Ученик', 'ФИО ученика', 'Обучающийся', 'Ф.И.О.'],
    parts: [
      ['Фамилия', 'Имя', 'Отчество'],
      ['Фамилия ученика', 'Имя ученика', 'Отчество ученика'],
    ],
    studentPhone: ['Телефон ученика', 'Тел. ученика'],
    parents: [
      { name: 'Мать', phone: 'Телефон матери' },
      { name: 'Отец', phone: 'Телефон отца' },
    ],
  },
  {
    full: ['Ученик', 'ФИО обучающегося'],
    parts: [['Фамилия', 'Имя', 'Отчество']],
    studentPhone: ['Телефон ученика'],
    parents: [
      { name: 'Родитель 1', phone: 'Телефон родителя 1' },
      { name: 'Родитель 2', phone: 'Тел. родителя 2' },
    ],
  },
  {
    full: ['Student', 'Student name', 'Name'],
    parts: [['Last name', 'First name', 'Middle name']],
    studentPhone: ['Student phone'],
    parents: [
      { name: 'Parent 1', phone: 'Parent 1 phone' },
      { name: 'Father', phone: "Father's phone" },
    ],
  },
];
const TITLES = [
  'Список 4К класса на 2026/27 уч. год',
  'МБОУ «СОШ № 12»',
  'Выгружено из электронного журнала 01.09.2026',
];

interface Layout {
  style: number;
  full: boolean;
  variant: number;
  titles: string[];
  number: boolean;
  extra: boolean;
  order: number[];
  phoneFormat: number;
  format: 'xlsx' | 'csv-utf8' | 'csv-utf8-bom' | 'csv-cp1251';
  delimiter: ';' | ',' | '\t';
}

const layout: fc.Arbitrary<Layout> = fc.record({
  style: fc.integer({ min: 0, max: STYLES.length - 1 }),
  full: fc.boolean(),
  variant: fc.nat(),
  titles: fc.subarray(TITLES, { maxLength: 2 }),
  number: fc.boolean(),
  extra: fc.boolean(),
  order: fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: 10, maxLength: 10 }),
  phoneFormat: fc.integer({ min: 0, max: 3 }),
  format: fc.constantFrom('xlsx', 'csv-utf8', 'csv-utf8-bom', 'csv-cp1251'),
  delimiter: fc.constantFrom(';', ',', '\t'),
});

const writePhone = (digits: string | null, format: number): string => {
  if (digits === null) return '';
  const [a, b, c, d] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6, 8), digits.slice(8)];
  return nth([`+7 ${a} ${b}-${c}-${d}`, `8 (${a}) ${b}-${c}-${d}`, `7${digits}`, `'+7 ${a} ${b}-${c}-${d}`], format);
};

/** The roster as a file: a header of the chosen words in a shuffled order, title rows above it. */
async function fileOf(families: Family[], l: Layout): Promise<{ file: Buffer; name: string }> {
  const style = nth(STYLES, l.style);
  const columns: Array<{ header: string; cell: (student: Person, parents: Person[]) => string }> = [];
  if (l.full) {
    columns.push({ header: nth(style.full, l.variant % style.full.length), cell: (s) => s.parts.join(' ') });
  } else {
    const names = nth(style.parts, l.variant % style.parts.length);
    names.forEach((header, index) => columns.push({ header, cell: (s) => s.parts[index] ?? '' }));
  }
  columns.push({
    header: nth(style.studentPhone, l.variant % style.studentPhone.length),
    cell: (s) => writePhone(s.phone, l.phoneFormat),
  });
  style.parents.forEach((parent, index) => {
    columns.push({ header: parent.name, cell: (_s, parents) => parents[index]?.parts.join(' ') ?? '' });
    columns.push({
      header: parent.phone,
      cell: (_s, parents) => writePhone(parents[index]?.phone ?? null, l.phoneFormat),
    });
  });
  if (l.extra) columns.push({ header: 'Дата рождения', cell: () => '01.01.2016' });
  const ordered = l.order.filter((index) => index < columns.length).map((index) => nth(columns, index));
  if (l.number) ordered.unshift({ header: '№ п/п', cell: () => '' });
  const rows: string[][] = [...l.titles.map((title) => [title]), ordered.map((c) => c.header)];
  let n = 0;
  for (const family of families) {
    for (const student of family.students) {
      n += 1;
      rows.push(ordered.map((c) => (c.header === '№ п/п' ? String(n) : c.cell(student, family.parents))));
    }
  }
  if (l.format === 'xlsx') return { file: await xlsxOfRows(rows), name: 'список.xlsx' };
  const text = stringify(rows, { delimiter: l.delimiter, record_delimiter: '\r\n' });
  const file =
    l.format === 'csv-cp1251'
      ? iconv.encode(text, 'win1251')
      : l.format === 'csv-utf8-bom'
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])
        : Buffer.from(text);
  return { file, name: 'список.csv' };
}

type Shape = Array<{ students: Array<[string, boolean]>; parents: Array<[string, boolean]> }>;

const shape = (families: Array<{ students: Array<[string, boolean]>; parents: Array<[string, boolean]> }>): Shape =>
  families
    .map((f) => ({ students: [...f.students].sort(), parents: [...f.parents].sort() }))
    .sort((a, b) => firstOf(a.students)[0].localeCompare(firstOf(b.students)[0], 'ru'));

describe('a roster written out and imported back', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let teacherEmail: string;
  let teacher: TestAgent;
  let schoolId: string;
  let year = 2100;

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    schoolId = await factory.school(districtId);
    const staff = await factory.staff('teacher', { districtId, schoolId });
    teacherEmail = staff.email;
    teacher = await signIn(app, teacherEmail);
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  it('is the same roster, whatever the encoding, separator, header words, column order and title rows', async () => {
    await fc.assert(
      fc.asyncProperty(roster, layout, async (families, l) => {
        year += 1;
        const classId = await factory.schoolClass(schoolId, 4, 'К', `${year}/${year + 1}`);
        await factory.dataSource.query(
          `INSERT INTO teacher_class (staff_user_id, class_id, school_id, district_id)
           SELECT u.id, c.id, c.school_id, c.district_id FROM staff_user u, school_class c WHERE u.email = $1 AND c.id = $2`,
          [teacherEmail, classId],
        );
        const { file, name } = await fileOf(families, l);
        const report = (
          await teacher.post(`/api/classes/${classId}/import?mode=commit`).attach('file', file, name).expect(200)
        ).body as ImportReport;
        expect(report.errors).toEqual([]);
        expect(report.headerRow).toBe(l.titles.length + 1);
        const imported = (
          (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster
        ).families.map((f) => ({
          students: f.students.map((s): [string, boolean] => [s.displayName, s.hasPhone]),
          parents: f.parents.map((p): [string, boolean] => [p.displayName, p.hasPhone]),
        }));
        const expected = families.map((f) => ({
          students: f.students.map((s): [string, boolean] => [s.parts.join(' '), s.phone !== null]),
          parents: f.parents.map((p): [string, boolean] => [p.parts.join(' '), p.phone !== null]),
        }));
        expect(shape(imported)).toEqual(shape(expected));
      }),
      { numRuns: 40 },
    );
  });
});
