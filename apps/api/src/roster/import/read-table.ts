import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import * as iconv from 'iconv-lite';
import { IMPORT_MAX_HEADER_ROW } from '@sferum/contracts';
import { UnreadableFile } from './unreadable-file';
import { assertXlsxWithinLimits } from './xlsx-limits';

/** Control characters (NUL above all, which PostgreSQL refuses) have no place in a name or a phone. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HAS_CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
/**
 * The apostrophe our exports (and the template) put before a cell that starts
 * like a formula, so that Excel shows it as text: read back, it goes.
 */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Excel 97–2003 and password-protected XLSX alike: an OLE2 compound file. */
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const UTF16BE_BOM = Buffer.from([0xfe, 0xff]);

/** The lines a CSV's separator is judged by. */
const DELIMITER_SAMPLE_LINES = 30;

/** A cell whose control characters were removed, 0-based. */
export interface CleanedCell {
  row: number;
  column: number;
}

/** A sheet's cells as text. */
export interface Table {
  /**
   * Row by row. A cell merged with the one above it (XLSX) has that cell's
   * text, as two siblings under one merged parent's name mean it.
   */
  rows: string[][];
  /**
   * The text of the cells merged sideways with another (XLSX), by
   * "row:column", in the rows a header may be in: a header over several
   * columns names each of them, a merged title row or a footer does not.
   */
  spanned: Map<string, string>;
  cleaned: CleanedCell[];
}

/**
 * The cells of the first sheet (XLSX) or of a CSV file, as text, row by row.
 * CSV as Russian Excel saves it (Windows-1251, semicolons), UTF-8 with or
 * without BOM and UTF-16 (Excel's "Unicode text"), with commas, semicolons or
 * tabs, are all read. NUL and other control characters are removed from the
 * cells, with or without a BOM alike, and the cells named in `cleaned`.
 */
export async function readTable(file: Buffer): Promise<Table> {
  if (file.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (file.subarray(0, 100).includes('opendocument.spreadsheet')) throw new UnreadableFile('ODS', 'ods');
    return readXlsx(file);
  }
  if (file.subarray(0, 8).equals(OLE2_MAGIC)) throw new UnreadableFile('OLE2 compound file', 'xls');
  const text = decodeText(file);
  if (/^\s*<(\?xml|!doctype html|html|table)/i.test(text.slice(0, 500))) throw new UnreadableFile('markup', 'markup');
  return readCsv(text);
}

export function decodeText(file: Buffer): string {
  let text: string;
  if (file.subarray(0, 3).equals(UTF8_BOM)) text = file.subarray(3).toString('utf8');
  else if (file.subarray(0, 2).equals(UTF16LE_BOM)) text = file.subarray(2).toString('utf16le');
  else if (file.subarray(0, 2).equals(UTF16BE_BOM)) text = swapBytes(file.subarray(2)).toString('utf16le');
  else if (looksLikeUtf16(file, 1)) text = file.toString('utf16le');
  else if (looksLikeUtf16(file, 0)) text = swapBytes(file).toString('utf16le');
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    } catch {
      text = iconv.decode(file, 'win1251');
    }
  }
  if (looksBinary(text)) throw new UnreadableFile('binary data');
  return text;
}

/**
 * A text file may carry a stray NUL or two (a broken export), which the cells
 * lose; a file full of control characters is no text at all.
 */
function looksBinary(text: string): boolean {
  let nul = 0;
  let other = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0) nul += 1;
    else if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) other += 1;
  }
  return other > text.length / 100 || nul > text.length / 4;
}

/**
 * UTF-16 without a BOM: the high byte of each character (at `highByte`, 1 for
 * little-endian) is 0x00 for Latin, digits and separators and 0x04 for
 * Cyrillic, nearly always.
 */
function looksLikeUtf16(file: Buffer, highByte: 0 | 1): boolean {
  if (file.length < 4 || file.length % 2 !== 0) return false;
  let high = 0;
  let zero = 0;
  for (let index = highByte; index < file.length; index += 2) {
    if (file[index] === 0x00) zero += 1;
    if (file[index] === 0x00 || file[index] === 0x04) high += 1;
  }
  const characters = file.length / 2;
  return high >= characters * 0.95 && zero >= characters * 0.1;
}

function swapBytes(bytes: Buffer): Buffer {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return swapped.swap16();
}

function readCsv(text: string): Table {
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      // 5 "А" written by hand, without quotes around the cell.
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      trim: true,
    });
  } catch (error) {
    throw new UnreadableFile(error instanceof Error ? error.message : 'not CSV');
  }
  const cleaned: CleanedCell[] = [];
  const rows = records.map((record, row) => record.map((cell, column) => cleanCell(cell, row, column, cleaned)));
  return { rows, spanned: new Map(), cleaned };
}

/**
 * The separator that splits the most lines into the same number of cells:
 * a title row above the header ("Список 5А класса") has none or another, the
 * header and the rows have the same count.
 */
function guessDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/, DELIMITER_SAMPLE_LINES * 2)
    .filter((line) => line.trim() !== '')
    .slice(0, DELIMITER_SAMPLE_LINES);
  let best = { delimiter: ';', score: -1 };
  for (const delimiter of [';', '\t', ',']) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const count = line.split(delimiter).length - 1;
      if (count > 0) counts.set(count, (counts.get(count) ?? 0) + 1);
    }
    for (const [count, lineCount] of counts) {
      const score = lineCount * 1000 + count;
      if (score > best.score) best = { delimiter, score };
    }
  }
  return best.delimiter;
}

async function readXlsx(file: Buffer): Promise<Table> {
  assertXlsxWithinLimits(file);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFile(error instanceof Error ? error.message : 'not XLSX');
  }
  const table: Table = { rows: [], spanned: new Map(), cleaned: [] };
  // The first sheet a person sees: a hidden one (lookup lists, macros' data) is not the list.
  const sheet = workbook.worksheets.find((candidate) => candidate.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) return table;
  const { rows } = table;
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
      const c = columnNumber - 1;
      if (cell.type !== ExcelJS.ValueType.Merge) {
        cells[c] = cleanCell(cell.text, r, c, table.cleaned);
        return;
      }
      const masterRow = Number(cell.master.row) - 1;
      const masterColumn = Number(cell.master.col) - 1;
      // The master is above (an earlier row) or to the left (earlier in this row): already read.
      const masterText = (masterRow === r ? cells[masterColumn] : rows[masterRow]?.[masterColumn]) ?? '';
      if (masterColumn === c) {
        cells[c] = masterText;
      } else {
        cells[c] = '';
        if (r <= IMPORT_MAX_HEADER_ROW) table.spanned.set(`${r}:${c}`, masterText);
      }
    });
    rows[r] = Array.from(cells, (cell) => cell ?? '');
  });
  table.rows = Array.from(rows, (row) => row ?? []);
  return table;
}

function cleanCell(raw: string, row: number, column: number, cleaned: CleanedCell[]): string {
  let text = raw;
  if (HAS_CONTROL_CHARACTER.test(text)) {
    text = text.replace(CONTROL_CHARACTERS, '');
    cleaned.push({ row, column });
  }
  return text.trim().replace(FORMULA_GUARD, '').trim();
}

/** A, B, …, Z, AA, AB: the column's name in a spreadsheet. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
