import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { UnreadableFile } from './unreadable-file';
import { assertXlsxWithinLimits } from './xlsx-limits';

/** Control characters (NUL above all, which PostgreSQL refuses) have no place in a name or a phone. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const clean = (cell: string): string => cell.replace(CONTROL_CHARACTERS, '').trim();

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The cells of the first sheet (XLSX) or of a CSV file, as text, row by row.
 * CSV as Russian Excel saves it (Windows-1251, semicolons) and UTF-8 with or
 * without BOM, with commas, semicolons or tabs, are all read.
 */
export async function readTable(file: Buffer): Promise<string[][]> {
  if (file.subarray(0, 4).equals(ZIP_MAGIC)) {
    return readXlsx(file);
  }
  return readCsv(decodeText(file));
}

export function decodeText(file: Buffer): string {
  if (file.subarray(0, 3).equals(UTF8_BOM)) return file.subarray(3).toString('utf8');
  if (file.includes(0)) throw new UnreadableFile('binary data');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return iconv.decode(file, 'win1251');
  }
}

function readCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0].d;
  try {
    const rows: string[][] = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, trim: true });
    return rows.map((row) => row.map(clean));
  } catch (error) {
    throw new UnreadableFile(error instanceof Error ? error.message : 'not CSV');
  }
}

async function readXlsx(file: Buffer): Promise<string[][]> {
  assertXlsxWithinLimits(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFile(error instanceof Error ? error.message : 'not XLSX');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = clean(cell.text);
    });
    rows[rowNumber - 1] = Array.from(cells, (cell) => cell ?? '');
  });
  return Array.from(rows, (row) => row ?? []);
}
