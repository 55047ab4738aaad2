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

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
/** A 32-bit size or offset this large, or a 16-bit count of 0xffff, means ZIP64, which no class list needs. */
const ZIP64_MARK = 0xffffffff;

interface Part {
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
 * XLSX_MAX_INFLATED_BYTES. ExcelJS inflates each part whole into memory and
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
  for (const part of parts) budget -= inflatedSize(file, part, budget);
}

function centralDirectory(file: Buffer): Part[] {
  const end = file.lastIndexOf(signature(END_OF_DIRECTORY));
  if (end < 0 || end + 22 > file.length) throw new UnreadableFile('no zip end record');
  const sixteenBitFields = [4, 6, 8, 10].map((field) => file.readUInt16LE(end + field));
  const count = file.readUInt16LE(end + 10);
  const size = file.readUInt32LE(end + 12);
  const offset = file.readUInt32LE(end + 16);
  // JSZip switches to the ZIP64 records on any of these marks; it must read the same directory as this check.
  if (sixteenBitFields.includes(0xffff) || size === ZIP64_MARK || offset === ZIP64_MARK) throw new UnreadableFile('ZIP64');
  if (count > XLSX_MAX_PARTS) throw new UnreadableFile(`${count} parts in the XLSX`);
  // Right before the end record, as Excel writes it; JSZip would shift every offset otherwise.
  if (offset + size !== end) throw new UnreadableFile('the zip directory is not where its end record says');

  const parts: Part[] = [];
  let at = offset;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > end || file.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new UnreadableFile('a broken zip directory');
    const part: Part = {
      method: file.readUInt16LE(at + 10),
      compressedSize: file.readUInt32LE(at + 20),
      declaredSize: file.readUInt32LE(at + 24),
      localHeaderOffset: file.readUInt32LE(at + 42),
    };
    if ([part.compressedSize, part.declaredSize, part.localHeaderOffset].includes(ZIP64_MARK)) throw new UnreadableFile('ZIP64');
    parts.push(part);
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  // JSZip reads directory entries for as long as they follow each other: nothing may hide after the counted ones.
  if (at !== end) throw new UnreadableFile('the zip directory holds more than it counts');
  return parts;
}

/** The bytes this part really inflates to; throws beyond `budget`. */
function inflatedSize(file: Buffer, part: Part, budget: number): number {
  const at = part.localHeaderOffset;
  if (at + 30 > file.length || file.readUInt32LE(at) !== LOCAL_HEADER) throw new UnreadableFile('a broken zip entry');
  const start = at + 30 + file.readUInt16LE(at + 26) + file.readUInt16LE(at + 28);
  const data = file.subarray(start, start + part.compressedSize);
  if (data.length !== part.compressedSize) throw new UnreadableFile('a truncated zip entry');

  let size: number;
  switch (part.method) {
    case STORED:
      size = data.length;
      break;
    case DEFLATED:
      try {
        // The cap makes zlib stop (and throw) at the budget instead of filling memory.
        size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (error) {
        throw new UnreadableFile(error instanceof Error ? error.message : 'bad DEFLATE data');
      }
      break;
    default:
      throw new UnreadableFile(`zip compression method ${part.method}`);
  }
  if (size > budget) throw new UnreadableFile('the XLSX inflates beyond the limit');
  return size;
}
