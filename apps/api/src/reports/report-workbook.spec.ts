import ExcelJS from 'exceljs';
import type { KindReport, OverallCounts, ProgressReport, StepCounts } from '@sferum/contracts';
import { toXlsx } from '../common/spreadsheet';
import { REPORT_EXPORT_LABELS } from './report-export-labels';
import { reportSheet } from './report-workbook';

type Row = ProgressReport & { name: string; classes?: number; pathId: string; pathName: string };

function stepCounts(done: number, more: Partial<StepCounts> = {}): StepCounts {
  const blockedByReason = more.blockedByReason ?? {};
  const blocked = Object.values(blockedByReason).reduce((sum, count) => sum + count, 0);
  return { notStarted: 0, done, blocked, blockedByReason, optedOut: 0, shareDone: 0, ...more };
}

/** `people` counted, `optedOut` of them not using Sferum, `connected` of the rest connected. */
function kindReport({
  people,
  connected = 0,
  optedOut = 0,
  steps = {},
}: {
  people: number;
  connected?: number;
  optedOut?: number;
  steps?: KindReport['steps'];
}): KindReport {
  const participants = people - optedOut;
  const overall: OverallCounts = {
    connected,
    inProgress: 0,
    blocked: 0,
    notStarted: participants - connected,
    optedOut,
    shareConnected: participants === 0 ? 0 : connected / participants,
  };
  return {
    people,
    participants,
    overall,
    steps,
    classChatJoined: connected,
    subjectChatsJoined: 0,
    subjectChatMemberships: 0,
    schoolChatJoined: 0,
  };
}

const maxSchool: Row = {
  name: 'Школа № 7',
  classes: 4,
  pathId: 'max',
  pathName: 'Сферум в MAX',
  students: kindReport({
    people: 6,
    connected: 1,
    optedOut: 2,
    steps: {
      max_account: stepCounts(2, { notStarted: 1, blocked: 1 }),
      school_profile: stepCounts(1, { notStarted: 3 }),
    },
  }),
  parents: kindReport({ people: 5 }),
};
const vkSchool: Row = {
  name: 'Лицей',
  classes: 2,
  pathId: 'vk',
  pathName: 'Сферум в VK Мессенджере',
  students: kindReport({
    people: 4,
    connected: 2,
    steps: { vk_id: stepCounts(4), sferum_profile: stepCounts(2, { notStarted: 2 }) },
  }),
  parents: kindReport({ people: 4 }),
};

async function sheetOf(
  rows: Row[],
  total: ProgressReport = { students: maxSchool.students, parents: maxSchool.parents },
): Promise<ExcelJS.Worksheet> {
  const content = await toXlsx(
    reportSheet({
      rows,
      total,
      nameHeader: 'Школа',
      labels: REPORT_EXPORT_LABELS.ru,
      locale: 'ru',
      asOf: '2026-12-02T18:25:59.000Z',
    }),
  );
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Прогресс');
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

function headers(sheet: ExcelJS.Worksheet): string[] {
  const values: string[] = [];
  sheet.getRow(1).eachCell((cell) => values.push(typeof cell.value === 'string' ? cell.value : ''));
  return values;
}

function cellUnder(sheet: ExcelJS.Worksheet, header: string, row: number) {
  const column = headers(sheet).indexOf(header) + 1;
  if (column === 0) throw new Error(`no column ${header}`);
  return sheet.getRow(row).getCell(column);
}

describe('the report as a sheet', () => {
  it('writes one row per school with its path, progress among those taking part, and a total row', async () => {
    const sheet = await sheetOf([maxSchool]);
    expect(headers(sheet).slice(0, 7)).toEqual([
      'Школа',
      'Путь подключения',
      'Классов',
      'Учеников',
      'Родителей',
      'Прогресс',
      'Родители подключены',
    ]);
    expect(sheet.getRow(2).getCell(1).value).toBe('Школа № 7');
    expect(sheet.getRow(2).getCell(2).value).toBe('Сферум в MAX');
    // 1 connected of 4 taking part: the 2 who opted out are not a failure.
    expect(cellUnder(sheet, 'Прогресс', 2).value).toBe(0.25);
    expect(cellUnder(sheet, 'Прогресс', 2).numFmt).toBe('0%');
    expect(sheet.getRow(3).getCell(1).value).toBe('Итого');
    expect(sheet.getRow(3).getCell(2).value).toBe('Сферум в MAX');
    expect(sheet.getRow(3).getCell(3).value).toBe(4);
  });

  it('says under the table, after an empty row, when the figures were counted, in Moscow time', async () => {
    const sheet = await sheetOf([maxSchool]);
    expect(sheet.getRow(4).getCell(1).value).toBeNull();
    expect(sheet.getRow(5).getCell(1).value).toBe('По состоянию на 02.12.2026 21:25 по московскому времени');
  });

  it('has a column per status, opted out apart', async () => {
    const sheet = await sheetOf([maxSchool]);
    expect(cellUnder(sheet, 'Ученики: не пользуются Сферумом', 2).value).toBe(2);
    expect(cellUnder(sheet, 'Ученики: подключены', 2).value).toBe(1);
    expect(cellUnder(sheet, 'Ученики: не начали', 2).value).toBe(3);
    expect(headers(sheet)).toContain('Родители: не пользуются Сферумом');
  });

  it('writes the shares of the path’s steps among those the step counts', async () => {
    const sheet = await sheetOf([maxSchool]);
    expect(cellUnder(sheet, 'Ученики: Аккаунт в MAX', 2).value).toBe(0.5);
    expect(cellUnder(sheet, 'Ученики: Школьный профиль в MAX', 2).value).toBe(0.25);
    expect(headers(sheet)).not.toContain('Ученики: VK ID');
  });

  it('gives every path its own step columns, empty for schools on another path', async () => {
    const total = {
      students: kindReport({ people: 10, steps: { ...maxSchool.students.steps, ...vkSchool.students.steps } }),
      parents: kindReport({ people: 9 }),
    };
    const sheet = await sheetOf([maxSchool, vkSchool], total);
    const maxStep = 'Ученики: Аккаунт в MAX (Сферум в MAX)';
    const vkStep = 'Ученики: VK ID (Сферум в VK Мессенджере)';
    expect(cellUnder(sheet, maxStep, 2).value).toBe(0.5);
    expect(cellUnder(sheet, maxStep, 3).value).toBeNull();
    expect(cellUnder(sheet, vkStep, 3).value).toBe(1);
    expect(cellUnder(sheet, vkStep, 2).value).toBeNull();
    expect(cellUnder(sheet, maxStep, 4).value).toBe(0.5);
    expect(cellUnder(sheet, vkStep, 4).value).toBe(1);
    expect(sheet.getRow(4).getCell(2).value).toBeNull();
  });
});
