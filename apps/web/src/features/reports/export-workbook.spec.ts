import { describe, expect, it } from '@jest/globals';
import { BLOCKER_REASONS, type BlockerReason, type KindReport, type StepCounts } from '@sferum/contracts';
import { Workbook } from 'exceljs';
import { reportWorkbook, type ExportLabels } from './export-workbook';

const noReasons = Object.fromEntries(BLOCKER_REASONS.map((r) => [r, 0])) as Record<BlockerReason, number>;
const step = (done: number, blocked = 0): StepCounts => ({ notStarted: 0, done, blocked, blockedByReason: noReasons, shareDone: 0 });
const kind = (people: number, done: number, blocked = 0): KindReport => ({
  people,
  steps: { vk_id: step(done, blocked), sferum_profile: step(done), messenger: step(done) },
  classChatJoined: done,
  subjectChatsJoined: 0,
  subjectChatMemberships: 0,
  schoolChatJoined: 0,
});

const labels: ExportLabels = {
  sheet: 'Прогресс',
  name: 'Школа',
  classes: 'Классов',
  students: 'Учеников',
  parents: 'Родителей',
  progress: 'Прогресс',
  studentsStep: (s) => `Ученики: ${s}`,
  parentsStep: (s) => `Родители: ${s}`,
  studentsBlocked: 'Ученики: что-то мешает',
  parentsBlocked: 'Родители: что-то мешает',
  studentsClassChat: 'Ученики в чате класса',
  parentsClassChat: 'Родители в чате класса',
  total: 'Итого',
};

describe('reportWorkbook', () => {
  it('writes one row per school, shares as percentages, and a total row', async () => {
    const school = { name: 'Школа № 7', classes: 4, students: kind(4, 1, 2), parents: kind(5, 0) };
    const buffer = await reportWorkbook([school], { students: school.students, parents: school.parents }, labels);

    const workbook = new Workbook();
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Прогресс');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).getCell(1).value).toBe('Школа');
    expect(sheet.getRow(1).getCell(5).value).toBe('Прогресс');
    expect(sheet.getRow(2).getCell(1).value).toBe('Школа № 7');
    expect(sheet.getRow(2).getCell(5).value).toBe(0.25);
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('0%');
    expect(sheet.getRow(2).getCell(12).value).toBe(2);
    expect(sheet.getRow(3).getCell(1).value).toBe('Итого');
    expect(sheet.getRow(3).getCell(2).value).toBe(4);
  });
});
