import { detectHeader, headerAt, rolesOf } from './import-columns';
import type { Table } from './read-table';

const table = (rows: string[][], spanned: Array<[number, number, string]> = []): Table => ({
  rows,
  spanned: new Map(spanned.map(([row, column, text]) => [`${row}:${column}`, text])),
  cleaned: [],
});
const roles = (headers: string[]) => rolesOf(headers).roles;

describe('rolesOf', () => {
  it('reads a journal’s separate name columns and parents by kinship, with their phones', () => {
    expect(
      roles(['№ п/п', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Мать', 'Телефон матери', 'Отец', 'Телефон отца']),
    ).toEqual([
      'number',
      'student_surname',
      'student_first_name',
      'student_patronymic',
      null,
      'parent1_name',
      'parent1_phone',
      'parent2_name',
      'parent2_phone',
    ]);
  });

  it('gives a phone column that says nobody’s phone to the person on its left', () => {
    expect(roles(['ФИО ученика', 'Телефон', 'ФИО матери', 'Телефон', 'ФИО отца', 'Телефон'])).toEqual([
      'student_name',
      'student_phone',
      'parent1_name',
      'parent1_phone',
      'parent2_name',
      'parent2_phone',
    ]);
  });

  it('reads the template’s, English and older headers', () => {
    expect(
      roles(['Ученик', 'Телефон ученика', 'Родитель 1', 'Телефон родителя 1', 'Родитель 2', 'Телефон родителя 2']),
    ).toEqual(['student_name', 'student_phone', 'parent1_name', 'parent1_phone', 'parent2_name', 'parent2_phone']);
    expect(roles(['Student', 'Class', 'Parent 1', 'Parent 1 phone', 'Mother', 'No.'])).toEqual([
      'student_name',
      'class',
      'parent1_name',
      'parent1_phone',
      'parent2_name',
      'number',
    ]);
    expect(roles(['Last name', 'First name', 'Middle name', "Father's phone"])).toEqual([
      'student_surname',
      'student_first_name',
      'student_patronymic',
      'parent2_phone',
    ]);
    expect(roles(['ФИО ученика', 'Телефон родителя', 'Родитель'])).toEqual([
      'student_name',
      'parent1_phone',
      'parent1_name',
    ]);
  });

  it('keeps a guardian beside the parents, and says what it leaves out', () => {
    const { roles: found, reasons } = rolesOf([
      'Ф.И.О.',
      'Мать',
      'Отец',
      'Законный представитель',
      'Тел. законного представителя',
      'E-mail матери',
      'Классный руководитель',
      'Класс',
      'Класс',
    ]);
    expect(found).toEqual([
      'student_name',
      'parent1_name',
      'parent2_name',
      'guardian_name',
      'guardian_phone',
      null,
      null,
      'class',
      null,
    ]);
    expect(reasons).toEqual([null, null, null, null, null, 'unknown', 'unknown', null, 'duplicate']);
  });

  it('takes "Фамилия, имя" as one column with the whole name', () => {
    expect(roles(['Фамилия, имя ученика', 'ФИО родителя (законного представителя)'])).toEqual([
      'student_name',
      'parent1_name',
    ]);
  });
});

describe('detectHeader', () => {
  it('passes over title rows above the header', () => {
    const { header, found } = detectHeader(
      table([
        ['МБОУ «Средняя школа № 1»', '', ''],
        ['Список 5А класса на 2026/27 уч. год', '', ''],
        ['', '', ''],
        ['№', 'ФИО', 'Мать'],
        ['1', 'Иванов Пётр', 'Иванова Мария'],
      ]),
    );
    expect(found).toBe(true);
    expect(header.layout.lastRow).toBe(3);
    expect(header.roles).toEqual(['number', 'student_name', 'parent1_name']);
  });

  it('reads a header over two rows: groups merged over their columns', () => {
    const rows = [
      ['№ п/п', 'Ученик', '', '', 'Мать', '', 'Отец', ''],
      ['№ п/п', 'Фамилия', 'Имя', 'Отчество', 'ФИО', 'Телефон', 'ФИО', 'Телефон'],
      ['1', 'Иванов', 'Пётр', 'Сергеевич', 'Иванова Мария', '+7 900 111-22-33', 'Иванов Сергей', ''],
    ];
    const merged = table(rows, [
      [0, 2, 'Ученик'],
      [0, 3, 'Ученик'],
      [0, 5, 'Мать'],
      [0, 7, 'Отец'],
    ]);
    const { header } = detectHeader(merged);
    expect(header.layout).toMatchObject({ lastRow: 1, rowCount: 2 });
    expect(header.layout.columns.map((c) => c.header)).toEqual([
      '№ п/п',
      'Ученик / Фамилия',
      'Ученик / Имя',
      'Ученик / Отчество',
      'Мать / ФИО',
      'Мать / Телефон',
      'Отец / ФИО',
      'Отец / Телефон',
    ]);
    expect(header.roles).toEqual([
      'number',
      'student_surname',
      'student_first_name',
      'student_patronymic',
      'parent1_name',
      'parent1_phone',
      'parent2_name',
      'parent2_phone',
    ]);
    // The same header saved as CSV: each group's name over its first column only.
    expect(detectHeader(table(rows)).header.roles).toEqual(header.roles);
  });

  it('does not take a header and its first row for a header over two rows', () => {
    const { header } = detectHeader(
      table([
        ['ФИО', 'Мать'],
        ['Иванов Пётр', 'Иванова Мария'],
      ]),
    );
    expect(header.layout).toMatchObject({ lastRow: 0, rowCount: 1 });
    expect(
      headerAt(
        table([
          ['ФИО', 'Мать'],
          ['Иванов Пётр', 'Иванова Мария'],
        ]),
        1,
      ).layout.rowCount,
    ).toBe(1);
  });

  it('names repeated and empty headers by their letter, and says when no student column is found', () => {
    const { header, found } = detectHeader(
      table([
        ['Кличка', 'Телефон', 'Телефон', ''],
        ['Шарик', '1', '2', 'x'],
      ]),
    );
    expect(found).toBe(false);
    expect(header.layout.columns.map((c) => c.key)).toEqual(['Кличка', 'Телефон [B]', 'Телефон [C]', '[D]']);
  });
});
