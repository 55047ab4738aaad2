import { describe, expect, it } from '@jest/globals';
import { ResponseShapeError } from '../../api/parse';
import { kindReport, stepCounts } from './report-factory';
import { parseDistrictReport, parseHistoryReport } from './report-parse';
import { at } from '../../testing/at';

const max = {
  students: kindReport({
    people: 5,
    connected: 1,
    steps: { max_account: stepCounts(2, { blockedByReason: { shared_phone: 1 } }) },
  }),
  parents: kindReport({ people: 4 }),
};
const vk = { students: kindReport({ people: 3, steps: { vk_id: stepCounts(3) } }), parents: kindReport({ people: 3 }) };

describe('parseDistrictReport', () => {
  const answer = {
    asOf: '2026-12-02T18:25:59.000Z',
    districtId: 'd1',
    districtName: 'Управление образования',
    total: {
      students: kindReport({ people: 8, connected: 1, steps: { ...max.students.steps, ...vk.students.steps } }),
      parents: kindReport({ people: 7 }),
    },
    paths: [
      { ...max, pathId: 'max', pathName: 'Сферум в MAX', schools: 1 },
      { ...vk, pathId: 'vk', pathName: 'Сферум в VK Мессенджере', schools: 1 },
    ],
    schools: [
      { ...max, pathId: 'max', pathName: 'Сферум в MAX', schoolId: 's1', schoolName: 'Школа № 7', classes: 2 },
      { ...vk, pathId: 'vk', pathName: 'Сферум в VK Мессенджере', schoolId: 's2', schoolName: 'Лицей', classes: 1 },
    ],
  };

  it('keeps each row’s path and the steps and reasons of that path, whatever their ids', () => {
    const report = parseDistrictReport(answer);
    expect(report.paths.map((path) => [path.pathId, path.schools])).toEqual([
      ['max', 1],
      ['vk', 1],
    ]);
    expect(report.schools[0]?.pathName).toBe('Сферум в MAX');
    expect(Object.keys(at(report.schools, 1).students.steps)).toEqual(['vk_id']);
    expect(at(report.schools, 0).students.steps.max_account?.blockedByReason).toEqual({ shared_phone: 1 });
    expect(report.total.students.overall.optedOut).toBe(0);
    expect(report.total.students.participants).toBe(8);
    expect(report.asOf).toBe('2026-12-02T18:25:59.000Z');
  });

  it('refuses an answer without the per-path totals or the overall counts', () => {
    expect(() => parseDistrictReport({ ...answer, paths: undefined })).toThrow(ResponseShapeError);
    expect(() => parseDistrictReport({ ...answer, asOf: undefined })).toThrow(ResponseShapeError);
    const { overall: _overall, ...withoutOverall } = max.students;
    expect(() =>
      parseDistrictReport({ ...answer, schools: [{ ...answer.schools[0], students: withoutOverall }] }),
    ).toThrow(ResponseShapeError);
  });
});

describe('parseHistoryReport', () => {
  it('reads the paths of each day', () => {
    const history = parseHistoryReport({
      asOf: '2026-12-02T18:25:59.000Z',
      from: '2026-11-01',
      to: '2026-11-02',
      schoolId: null,
      classId: null,
      days: [{ ...max, day: '2026-11-01', pathIds: ['vk', 'max'] }],
    });
    expect(history.days[0]?.pathIds).toEqual(['vk', 'max']);
  });
});
