import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/**
 * XLSX files written byte by byte, so that a test can make the ones no
 * spreadsheet program would: a sheet that inflates to hundreds of megabytes
 * from a few hundred kilobytes, or a zip whose directory lies about sizes.
 */

interface ZipEntry {
  name: string;
  /** raw DEFLATE data */
  deflated: Buffer;
  crc: number;
  size: number;
  /** what the zip's headers claim the inflated size is; the truth unless a test wants a lie */
  declaredSize?: number;
}

function entryOf(name: string, content: string): ZipEntry {
  const data = Buffer.from(content, 'utf8');
  return { name, deflated: deflateRawSync(data), crc: crc32(data), size: data.length };
}

/** `head`, then `filler` `times` times, then `tail`, deflated as a stream: the whole text is never in memory. */
async function streamedEntry(
  name: string,
  head: string,
  filler: string,
  times: number,
  tail: string,
): Promise<ZipEntry> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  let crc = 0;
  let size = 0;
  const write = async (text: string) => {
    const data = Buffer.from(text, 'utf8');
    crc = crc32(data, crc);
    size += data.length;
    if (!deflate.write(data)) await new Promise((resolve) => deflate.once('drain', resolve));
  };
  await write(head);
  // 1 MB at a time: few writes, little memory.
  const perChunk = Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(filler)));
  const block = filler.repeat(perChunk);
  let left = times;
  while (left >= perChunk) {
    await write(block);
    left -= perChunk;
  }
  if (left > 0) await write(filler.repeat(left));
  await write(tail);
  deflate.end();
  await finished;
  return { name, deflated: Buffer.concat(chunks), crc, size };
}

/** A zip archive: local headers and data, the central directory, its end record. */
function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // DEFLATE
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.deflated.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.deflated);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.deflated.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const PACKAGE_PARTS: Array<[string, string]> = [
  [
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  ],
  [
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  ],
  [
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets><sheet name="Класс" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  ],
];

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A cell: text, or a real formula with its cached result. */
export type XlsxCell = string | { formula: string; result: string };

const columnName = (index: number) => String.fromCharCode(65 + index);

function cellXml(cell: XlsxCell, address: string): string {
  return typeof cell === 'string'
    ? `<c r="${address}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`
    : `<c r="${address}" t="str"><f>${escapeXml(cell.formula)}</f><v>${escapeXml(cell.result)}</v></c>`;
}

const rowXml = (cells: XlsxCell[], number: number) =>
  `<row r="${number}">${cells.map((cell, index) => cellXml(cell, `${columnName(index)}${number}`)).join('')}</row>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';

/** A small, well-formed class list: the same parts the zip bomb has, so a refusal is about size alone. */
export function xlsxOf(rows: XlsxCell[][]): Buffer {
  const sheet = SHEET_HEAD + rows.map((cells, index) => rowXml(cells, index + 1)).join('') + SHEET_TAIL;
  return zip([
    ...PACKAGE_PARTS.map(([name, content]) => entryOf(name, content)),
    entryOf('xl/worksheets/sheet1.xml', sheet),
  ]);
}

/**
 * A class list whose sheet inflates to about `megabytes` MB, most of it one
 * cell of the letter A under the given rows, from a file a thousand times
 * smaller. With `lieAboutSize` the zip's headers claim the sheet is 1 KB.
 */
export async function xlsxBomb(rows: XlsxCell[][], megabytes: number, { lieAboutSize = false } = {}): Promise<Buffer> {
  const next = rows.length + 1;
  const head = `${SHEET_HEAD}${rows.map((cells, index) => rowXml(cells, index + 1)).join('')}<row r="${next}"><c r="A${next}" t="inlineStr"><is><t>`;
  const tail = `</t></is></c></row>${SHEET_TAIL}`;
  const sheet = await streamedEntry('xl/worksheets/sheet1.xml', head, 'A', megabytes * 1024 * 1024, tail);
  if (lieAboutSize) sheet.declaredSize = 1024;
  return zip([...PACKAGE_PARTS.map(([name, content]) => entryOf(name, content)), sheet]);
}
