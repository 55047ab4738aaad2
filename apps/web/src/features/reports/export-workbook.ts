import { STEP_IDS, type ProgressReport, type StepId } from '@sferum/contracts';
import { Workbook } from 'exceljs';
import { progressOf } from './report-model';

export interface ExportRow extends ProgressReport {
  name: string;
  classes?: number;
}

export interface ExportLabels {
  sheet: string;
  name: string;
  classes: string;
  students: string;
  parents: string;
  progress: string;
  studentsStep: (step: StepId) => string;
  parentsStep: (step: StepId) => string;
  studentsBlocked: string;
  parentsBlocked: string;
  studentsClassChat: string;
  parentsClassChat: string;
  total: string;
}

const PERCENT = '0%';

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}

function blocked(report: ProgressReport['students']): number {
  return STEP_IDS.reduce((sum, step) => sum + report.steps[step].blocked, 0);
}

/** The report table as an Excel sheet: shares as real percentages, a total row at the bottom. */
export async function reportWorkbook(rows: readonly ExportRow[], total: ProgressReport, labels: ExportLabels): Promise<Buffer> {
  const withClasses = rows.some((row) => row.classes !== undefined);
  const columns: Array<{ header: string; width: number; value: (row: ExportRow) => string | number; percent?: boolean }> = [
    { header: labels.name, width: 36, value: (row) => row.name },
    ...(withClasses ? [{ header: labels.classes, width: 10, value: (row: ExportRow) => row.classes ?? 0 }] : []),
    { header: labels.students, width: 11, value: (row) => row.students.people },
    { header: labels.parents, width: 11, value: (row) => row.parents.people },
    { header: labels.progress, width: 12, value: (row) => progressOf(row), percent: true },
    ...STEP_IDS.map((step) => ({
      header: labels.studentsStep(step),
      width: 16,
      value: (row: ExportRow) => share(row.students.steps[step].done, row.students.people),
      percent: true,
    })),
    ...STEP_IDS.map((step) => ({
      header: labels.parentsStep(step),
      width: 16,
      value: (row: ExportRow) => share(row.parents.steps[step].done, row.parents.people),
      percent: true,
    })),
    { header: labels.studentsBlocked, width: 16, value: (row) => blocked(row.students) },
    { header: labels.parentsBlocked, width: 16, value: (row) => blocked(row.parents) },
    { header: labels.studentsClassChat, width: 16, value: (row) => row.students.classChatJoined },
    { header: labels.parentsClassChat, width: 16, value: (row) => row.parents.classChatJoined },
  ];

  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(labels.sheet, { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.percent ? { numFmt: PERCENT } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'top' };

  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row)));
  const totalRow = sheet.addRow(
    columns.map((column, i) => (i === 0 ? labels.total : column.value({ ...total, name: labels.total, classes: sumClasses(rows) }))),
  );
  totalRow.font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sumClasses(rows: readonly ExportRow[]): number {
  return rows.reduce((sum, row) => sum + (row.classes ?? 0), 0);
}
