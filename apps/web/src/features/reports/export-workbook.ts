import { kindProgress, OVERALL_STATUSES, stepShare, type KindReport, type OnboardingPath, type OverallStatus, type ProgressReport } from '@sferum/contracts';
import { Workbook } from 'exceljs';
import type { AppLocale } from '../../i18n/routing';
import { knownPath } from './report-model';

export interface ExportRow extends ProgressReport {
  name: string;
  classes?: number;
  pathId: string;
  pathName: string;
}

export interface ExportLabels {
  /** the language of the path's own texts (step titles) */
  locale: AppLocale;
  sheet: string;
  name: string;
  path: string;
  classes: string;
  students: string;
  parents: string;
  progress: string;
  parentsProgress: string;
  studentsStatus: (status: OverallStatus) => string;
  parentsStatus: (status: OverallStatus) => string;
  studentsStep: (step: string) => string;
  parentsStep: (step: string) => string;
  /** a step's title with its path's name, when the sheet has several paths */
  stepOfPath: (step: string, path: string) => string;
  studentsClassChat: string;
  parentsClassChat: string;
  total: string;
}

const PERCENT = '0%';

type Cell = string | number | null;
interface Column {
  header: string;
  width: number;
  /** null leaves the cell empty: a step of another path than the row's */
  value: (row: ExportRow, isTotal: boolean) => Cell;
  percent?: boolean;
}

/** The paths the rows are on, in the catalogue's order, each once. */
function pathsOf(rows: readonly ExportRow[]): OnboardingPath[] {
  const seen = new Map<string, OnboardingPath>();
  for (const row of rows) {
    const path = knownPath(row.pathId);
    if (path) seen.set(path.id, path);
  }
  return [...seen.values()];
}

function stepColumns(paths: readonly OnboardingPath[], labels: ExportLabels): Column[] {
  const several = paths.length > 1;
  const kindColumns = (kind: 'students' | 'parents', header: (step: string) => string) =>
    paths.flatMap((path) =>
      path.steps.map((step): Column => {
        const title = step.title[labels.locale];
        return {
          header: header(several ? labels.stepOfPath(title, path.name[labels.locale]) : title),
          width: 18,
          value: (row, isTotal) => {
            const counts = row[kind].steps[step.id] as KindReport['steps'][string] | undefined;
            // The total holds every path's steps, each over its own schools; a row only its own path's.
            return counts && (isTotal || row.pathId === path.id) ? stepShare(counts) : null;
          },
          percent: true,
        };
      }),
    );
  return [...kindColumns('students', labels.studentsStep), ...kindColumns('parents', labels.parentsStep)];
}

/**
 * The report table as an Excel sheet: the path-independent figures for every
 * row (progress among those taking part, people by status, opted out apart),
 * then each path's steps (empty for rows on another path), a total row at the
 * bottom; shares as real percentages.
 */
export async function reportWorkbook(rows: readonly ExportRow[], total: ProgressReport, labels: ExportLabels): Promise<Buffer> {
  const withClasses = rows.some((row) => row.classes !== undefined);
  const paths = pathsOf(rows);
  const columns: Column[] = [
    { header: labels.name, width: 36, value: (row) => row.name },
    { header: labels.path, width: 24, value: (row) => knownPath(row.pathId)?.name[labels.locale] ?? (row.pathName || null) },
    ...(withClasses ? [{ header: labels.classes, width: 10, value: (row: ExportRow) => row.classes ?? 0 }] : []),
    { header: labels.students, width: 11, value: (row) => row.students.people },
    { header: labels.parents, width: 11, value: (row) => row.parents.people },
    { header: labels.progress, width: 12, value: (row) => kindProgress(row.students), percent: true },
    { header: labels.parentsProgress, width: 14, value: (row) => kindProgress(row.parents), percent: true },
    ...OVERALL_STATUSES.map((status) => ({
      header: labels.studentsStatus(status),
      width: 16,
      value: (row: ExportRow) => row.students.overall[status],
    })),
    ...OVERALL_STATUSES.map((status) => ({
      header: labels.parentsStatus(status),
      width: 16,
      value: (row: ExportRow) => row.parents.overall[status],
    })),
    ...stepColumns(paths, labels),
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

  for (const row of rows) sheet.addRow(columns.map((column) => column.value(row, false)));
  // The total's path cell names the one path, or stays empty when there are several.
  const onePath = paths.length === 1 ? paths[0] : undefined;
  const totalRow: ExportRow = {
    ...total,
    name: labels.total,
    classes: sumClasses(rows),
    pathId: onePath?.id ?? '',
    pathName: '',
  };
  sheet.addRow(columns.map((column) => column.value(totalRow, true))).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function sumClasses(rows: readonly ExportRow[]): number {
  return rows.reduce((sum, row) => sum + (row.classes ?? 0), 0);
}
