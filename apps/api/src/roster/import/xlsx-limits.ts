import { inflateRawSync } from 'node:zlib';
import { UnreadableFile } from './unreadable-file';

/**
 * All parts of a class list's XLSX together, inflated. Excel's file of 10,000
 * rows with long names and three phones holds about 7 MB; ExcelJS takes
 * seconds per 10 MB to parse, so more is refused before it starts.
 */
export const XLSX_MAX_INFLATED_BYTES = 20 * 1024 * 1024;

/** Parts in the archive: Excel writes about a dozen. */
export const XLSX_MAX_PARTS = 500;

/**
 * Cells inside merged ranges, all sheets together. ExcelJS makes a cell of
 * every one of them as it loads (a 6 KB file merging A1:ZZ3000 took 5 s and
 * 600 MB), while a class list merges its title and its header groups, and at
 * most a parent's or a class's cell over a few rows.
 */
export const XLSX_MAX_MERGED_CELLS = 100_000;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** A 32-bit size or offset this large, or a 16-bit count of 0xffff, means ZIP64, which no class list needs. */
const ZIP64_MARK = 0xffffffff;

interface Part {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeaderOffset: number;
}

const signature = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};

/**
 * Throws unless every part of the archive inflates, all together, to at most
 * XLSX_MAX_INFLATED_BYTES, and its sheets merge at most XLSX_MAX_MERGED_CELLS. ExcelJS inflates each part whole into memory and
 * parses it, so a zip bomb must be stopped before it sees the file. The sizes
 * the central directory declares are summed first (cheap); then each part is
 * really inflated with the remaining budget as a hard cap, since a part may
 * inflate to more than it declares. Parts are found as JSZip (inside ExcelJS)
 * finds them: the last end record, the central directory, the local headers.
 */
export function assertXlsxWithinLimits(file: Buffer): void {
  const parts = centralDirectory(file);
  const declared = parts.reduce((sum, part) => sum + part.declaredSize, 0);
  if (declared > XLSX_MAX_INFLATED_BYTES) throw new UnreadableFile(`the XLSX declares ${declared} bytes inflated`);
  let budget = XLSX_MAX_INFLATED_BYTES;
  let merged = 0;
  for (const part of parts) {
    const inflated = inflate(file, part, budget);
    budget -= inflated.length;
    if (/^xl\/worksheets\/[^/]+\.xml$/i.test(part.name)) {
      merged += mergedCells(inflated);
      if (merged > XLSX_MAX_MERGED_CELLS) throw new UnreadableFile(`more than ${XLSX_MAX_MERGED_CELLS} merged cells`);
    }
  }
}

const MERGE_CELL =
  /<(?:[\w-]+:)?mergeCell\b[^>]*?\bref\s*=\s*["']\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?["']/gi;

/** The cells a sheet's merged ranges cover, by their `ref`s. */
function mergedCells(sheet: Buffer): number {
  let cells = 0;
  for (const match of sheet.toString('latin1').matchAll(MERGE_CELL)) {
    const [, fromColumn = '', fromRow = '', toColumn = fromColumn, toRow = fromRow] = match;
    const columns = Math.abs(columnNumber(toColumn) - columnNumber(fromColumn)) + 1;
    const rows = Math.abs(Number(toRow) - Number(fromRow)) + 1;
    cells += columns * rows;
  }
  return cells;
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((number, letter) => number * 26 + letter.charCodeAt(0) - 64, 0);
}

function centralDirectory(file: Buffer): Part[] {
  const end = file.lastIndexOf(signature(END_OF_DIRECTORY));
  if (end < 0 || end + 22 > file.length) throw new UnreadableFile('no zip end record');
  const sixteenBitFields = [4, 6, 8, 10].map((field) => file.readUInt16LE(end + field));
  const count = file.readUInt16LE(end + 10);
  const size = file.readUInt32LE(end + 12);
  const offset = file.readUInt32LE(end + 16);
  // JSZip switches to the ZIP64 records on any of these marks; it must read the same directory as this check.
  if (sixteenBitFields.includes(0xffff) || size === ZIP64_MARK || offset === ZIP64_MARK)
    throw new UnreadableFile('ZIP64');
  if (count > XLSX_MAX_PARTS) throw new UnreadableFile(`${count} parts in the XLSX`);
  // Right before the end record, as Excel writes it; JSZip would shift every offset otherwise.
  if (offset + size !== end) throw new UnreadableFile('the zip directory is not where its end record says');

  const parts: Part[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > end || file.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new UnreadableFile('a broken zip directory');
    const nameLength = file.readUInt16LE(at + 28);
    const part: Part = {
      name: file.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      declaredSize: file.readUInt32LE(at + 24),
      localHeaderOffset: file.readUInt32LE(at + 42),
    };
    if ([part.compressedSize, part.declaredSize, part.localHeaderOffset].includes(ZIP64_MARK))
      throw new UnreadableFile('ZIP64');
    parts.push(part);
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  // JSZip reads directory entries for as long as they follow each other: nothing may hide after the counted ones.
  if (at !== end) throw new UnreadableFile('the zip directory holds more than it counts');
  return parts;
}

/** What this part really inflates to; throws beyond `budget`. */
function inflate(file: Buffer, part: Part, budget: number): Buffer {
  const at = part.localHeaderOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL_HEADER) throw new UnreadableFile('a broken zip entry');
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + part.compressedSize);
  if (data.length !== part.compressedSize) throw new UnreadableFile('a truncated zip entry');

  let inflated: Buffer;
  switch (part.method) {
    case STORED:
      inflated = data;
      break;
    case DEFLATED:
      try {
        // The cap makes zlib stop (and throw) at the budget instead of filling memory.
        inflated = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        throw new UnreadableFile(error instanceof Error ? error.message : 'bad DEFLATE data');
      }
      break;
    default:
      throw new UnreadableFile(`zip compression method ${part.method}`);
  }
  if (inflated.length > budget) throw new UnreadableFile('the XLSX inflates beyond the limit');
  return inflated;
}
