import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../../common/spreadsheet-formulas';

export type SpreadsheetFormat = 'csv' | 'xlsx';

export interface Sheet {
  name: string;
  headers: string[];
  rows: Array<Array<string | number>>;
}

/** CSV as Russian Excel opens it directly: UTF-8 with BOM, semicolons. */
export function toCsv(sheet: Sheet): Buffer {
  const body = stringify([sheet.headers, ...sheet.rows.map((row) => row.map(neutralizeFormula))], {
    delimiter: ';',
    record_delimiter: '\r\n',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.name);
  worksheet.addRow(sheet.headers).font = { bold: true };
  for (const row of sheet.rows) worksheet.addRow(row.map(neutralizeFormula));
  worksheet.columns.forEach((column, index) => {
    const longest = Math.max(...[sheet.headers[index] ?? '', ...sheet.rows.map((row) => String(row[index] ?? ''))].map((v) => v.length));
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
  worksheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function render(sheet: Sheet, format: SpreadsheetFormat): Promise<Buffer> {
  return format === 'csv' ? Promise.resolve(toCsv(sheet)) : toXlsx(sheet);
}

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
