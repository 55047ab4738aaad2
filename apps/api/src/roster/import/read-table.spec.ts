import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { columnLetter, readTable } from './read-table';
import { UnreadableFile } from './unreadable-file';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('readTable', () => {
  it('removes a NUL from a cell and names the cell, with a BOM or without one', async () => {
    const text = 'Ученик;Родитель 1\nИва\u0000нов Пётр;Иванова Мария\n';
    const withBom = await readTable(Buffer.concat([BOM, Buffer.from(text)]));
    const without = await readTable(Buffer.from(text));
    const cp1251 = await readTable(iconv.encode(text, 'win1251'));
    for (const table of [withBom, without, cp1251]) {
      expect(table.rows[1]).toEqual(['Иванов Пётр', 'Иванова Мария']);
      expect(table.cleaned).toEqual([{ row: 1, column: 0 }]);
    }
  });

  it('still refuses binary data', async () => {
    await expect(readTable(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]))).rejects.toBeInstanceOf(UnreadableFile);
  });

  it('drops the apostrophe an export puts before a formula-like cell, and nothing else', async () => {
    const table = await readTable(Buffer.from("Ученик;Телефон\n'=1+2;'+7 900 000-00-00\nД'Артаньян;'123\n"));
    expect(table.rows.slice(1)).toEqual([
      ['=1+2', '+7 900 000-00-00'],
      ["Д'Артаньян", "'123"],
    ]);
  });

  it('finds the separator under a title row with none', async () => {
    const table = await readTable(
      Buffer.from('Список 5А класса, 2026/27\nФИО,Мать,Телефон\n"Иванов, Пётр",Иванова,+79001112233\n'),
    );
    expect(table.rows.slice(1)).toEqual([
      ['ФИО', 'Мать', 'Телефон'],
      ['Иванов, Пётр', 'Иванова', '+79001112233'],
    ]);
  });

  it('reads UTF-16 as Excel saves "Unicode text", with or without its BOM', async () => {
    const text = 'Ученик\tМать\r\nИванов Пётр\tИванова Мария\r\n';
    for (const file of [
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
      Buffer.from(text, 'utf16le'),
    ]) {
      expect((await readTable(file)).rows.slice(0, 2)).toEqual([
        ['Ученик', 'Мать'],
        ['Иванов Пётр', 'Иванова Мария'],
      ]);
    }
  });

  it('says what an .xls, an .ods or an HTML table is', async () => {
    const kind = (file: Buffer) =>
      readTable(file).then(
        () => null,
        (error: unknown) => (error instanceof UnreadableFile ? error.kind : error),
      );
    expect(await kind(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]))).toBe('xls');
    expect(
      await kind(
        Buffer.concat([
          Buffer.from([0x50, 0x4b, 0x03, 0x04]),
          Buffer.from('....mimetypeapplication/vnd.oasis.opendocument.spreadsheet'),
        ]),
      ),
    ).toBe('ods');
    expect(await kind(Buffer.from('<html><body><table><tr><td>ФИО</td></tr></table></body></html>'))).toBe('markup');
  });

  it('gives a header merged over several columns to each of them, and a cell merged down to the rows below', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('5А');
    sheet.addRow(['Список 5А класса']);
    sheet.addRow(['Ученик', '', 'Мать', '']);
    sheet.addRow(['Фамилия', 'Имя', 'ФИО', 'Телефон']);
    sheet.addRow(['Иванов', 'Пётр', 'Иванова Мария', '+79001112233']);
    sheet.addRow(['Иванова', 'Анна', '', '']);
    sheet.mergeCells('A1:D1');
    sheet.mergeCells('A2:B2');
    sheet.mergeCells('C2:D2');
    sheet.mergeCells('C4:C5');
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(table.rows[1]).toEqual(['Ученик', '', 'Мать', '']);
    expect(table.spanned.get('1:1')).toBe('Ученик');
    expect(table.spanned.get('1:3')).toBe('Мать');
    expect(table.spanned.get('0:3')).toBe('Список 5А класса');
    expect(table.rows[4]).toEqual(['Иванова', 'Анна', 'Иванова Мария', '']);
  });
});

describe('columnLetter', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
