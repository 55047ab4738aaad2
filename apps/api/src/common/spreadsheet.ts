import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { neutralizeFormula } from './spreadsheet-formulas';

export type SpreadsheetFormat = 'csv' | 'xlsx';

/** null leaves the cell empty. */
export type SheetCell = string | number | null;

export interface Sheet {
  name: string;
  headers: string[];
  rows: SheetCell[][];
  /** Column widths in characters; by default each fits its longest value (10 to 60). */
  widths?: number[];
  /** Columns (0-based) whose numbers are shares 0..1, shown as whole percentages. */
  percentColumns?: readonly number[];
  /** The last row is a total, in bold. */
  totalRow?: boolean;
  /** Columns kept in view while scrolling right (the rows' names). */
  frozenColumns?: number;
  /** XLSX only: lines under the table, after an empty row («По состоянию на …»). */
  notes?: readonly string[];
}

const PERCENT = '0%';

function safe(cell: SheetCell): SheetCell {
  return cell === null ? null : neutralizeFormula(cell);
}

/** CSV as Russian Excel opens it directly: UTF-8 with BOM, semicolons. */
export function toCsv(sheet: Sheet): Buffer {
  const body = stringify([sheet.headers, ...sheet.rows.map((row) => row.map((cell) => safe(cell) ?? ''))], {
    delimiter: ';',
    record_delimiter: '\r\n',
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

export async function toXlsx(sheet: Sheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const worksheet = workbook.addWorksheet(sheet.name);
  const header = worksheet.addRow(sheet.headers);
  header.font = { bold: true };
  // Long headers (a step's title with its path's) wrap instead of widening the column.
  if (sheet.widths) header.alignment = { wrapText: true, vertical: 'top' };
  let last: ExcelJS.Row | undefined;
  for (const row of sheet.rows) last = worksheet.addRow(row.map(safe));
  if (sheet.totalRow && last) last.font = { bold: true };
  if (sheet.notes?.length) {
    worksheet.addRow([]);
    for (const note of sheet.notes) worksheet.addRow([safe(note)]).font = { italic: true };
  }
  const percent = new Set(sheet.percentColumns ?? []);
  worksheet.columns.forEach((column, index) => {
    const width = sheet.widths?.[index];
    if (width !== undefined) {
      column.width = width;
    } else {
      const values = [sheet.headers[index] ?? '', ...sheet.rows.map((row) => String(row[index] ?? ''))];
      column.width = Math.min(60, Math.max(10, Math.max(...values.map((value) => value.length)) + 2));
    }
    if (percent.has(index)) column.numFmt = PERCENT;
  });
  worksheet.views = [{ state: 'frozen', ySplit: 1, xSplit: sheet.frozenColumns ?? 0 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function render(sheet: Sheet, format: SpreadsheetFormat): Promise<Buffer> {
  return format === 'csv' ? Promise.resolve(toCsv(sheet)) : toXlsx(sheet);
}

export const CONTENT_TYPES: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
