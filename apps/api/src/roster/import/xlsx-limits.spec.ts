import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_MAX_ROWS } from '@sferum/contracts';
import { UnreadableFile } from './unreadable-file';
import { assertXlsxWithinLimits, XLSX_MAX_MERGED_CELLS } from './xlsx-limits';

const fixture = readFileSync(join(__dirname, '../../../test/fixtures/class-list.xlsx'));

/** The longest class list the import takes, as Excel would save it: long names and three phones a row. */
async function largestClassList(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Класс');
  sheet.addRow(['Ученик', 'Телефон ученика', 'Родитель 1', 'Телефон родителя 1', 'Родитель 2', 'Телефон родителя 2']);
  for (let n = 0; n < IMPORT_MAX_ROWS; n += 1) {
    const phone = (prefix: number) => `+7 ${prefix}${String(n).padStart(9, '0')}`;
    sheet.addRow([
      `Константинопольский-Длинноимённый Александр ${n}`,
      phone(9),
      `Константинопольская-Длинноимённая Александра Петровна ${n}`,
      phone(8),
      `Константинопольский-Длинноимённый Пётр Сергеевич ${n}`,
      phone(7),
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('the size limits of an XLSX class list', () => {
  it('lets through the fixture and the longest class list the import takes', async () => {
    expect(() => assertXlsxWithinLimits(fixture)).not.toThrow();
    const largest = await largestClassList();
    expect(() => assertXlsxWithinLimits(largest)).not.toThrow();
  });

  it('refuses an empty or truncated archive, ZIP64 marks and an entry hidden from the count', () => {
    expect(() => assertXlsxWithinLimits(Buffer.alloc(0))).toThrow(UnreadableFile);
    expect(() => assertXlsxWithinLimits(fixture.subarray(0, Math.floor(fixture.length / 2)))).toThrow(UnreadableFile);

    const end = fixture.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const zip64 = Buffer.from(fixture);
    zip64.writeUInt16LE(0xffff, end + 8);
    expect(() => assertXlsxWithinLimits(zip64)).toThrow(UnreadableFile);

    // One entry fewer counted than the directory holds: JSZip would still read the last one.
    const undercounted = Buffer.from(fixture);
    undercounted.writeUInt16LE(fixture.readUInt16LE(end + 10) - 1, end + 10);
    expect(() => assertXlsxWithinLimits(undercounted)).toThrow(UnreadableFile);
  });

  it('refuses a sheet merging more cells than a class list ever does, before ExcelJS makes a cell of each', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Класс');
    sheet.addRow(['Список 5А класса']);
    sheet.addRow(['Ученик', 'Мать']);
    sheet.mergeCells('A1:B1');
    sheet.mergeCells('B3:B12');
    const ordinary = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(() => assertXlsxWithinLimits(ordinary)).not.toThrow();
    const huge = new ExcelJS.Workbook();
    huge.addWorksheet('Класс').mergeCells(`A1:J${XLSX_MAX_MERGED_CELLS / 10 + 1}`);
    const bomb = Buffer.from(await huge.xlsx.writeBuffer());
    expect(() => assertXlsxWithinLimits(bomb)).toThrow(/merged cells/);
  });
});
