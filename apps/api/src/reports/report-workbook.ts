import {
  kindProgress,
  OVERALL_STATUSES,
  PATH_CATALOGUE,
  stepShare,
  type DistrictReport,
  type OnboardingPath,
  type ProgressReport,
  type SchoolReport,
} from '@sferum/contracts';
import { toXlsx, type Sheet, type SheetCell } from '../common/spreadsheet';
import { moscowDateTime } from './moscow-time';
import { REPORT_EXPORT_LABELS, type ReportExportLabels, type ReportLocale } from './report-export-labels';

interface ExportRow extends ProgressReport {
  name: string;
  classes?: number;
  pathId: string;
  pathName: string;
}

interface Column {
  header: string;
  width: number;
  /** null leaves the cell empty: a step of another path than the row's */
  value: (row: ExportRow, isTotal: boolean) => SheetCell;
  percent?: boolean;
}

export interface ReportFile {
  /** what the download is called: «Отчёт по району Центральный 2026-12-02.xlsx» */
  fileName: string;
  content: Buffer;
}

/** The district's table of schools as the dashboard shows it, in an XLSX file. */
export function districtWorkbook(report: DistrictReport, locale: ReportLocale, day: string): Promise<ReportFile> {
  const labels = REPORT_EXPORT_LABELS[locale];
  const rows = report.schools.map((school) => ({ ...school, name: school.schoolName, classes: school.classes }));
  return workbookFile(`${labels.districtFile} ${report.districtName} ${day}.xlsx`, {
    rows,
    total: report.total,
    nameHeader: labels.school,
    labels,
    locale,
    asOf: report.asOf,
  });
}

/** One school's table of classes, in an XLSX file. */
export function schoolWorkbook(report: SchoolReport, locale: ReportLocale, day: string): Promise<ReportFile> {
  const labels = REPORT_EXPORT_LABELS[locale];
  const rows = report.classes.map((schoolClass) => ({ ...schoolClass, name: schoolClass.className }));
  return workbookFile(`${labels.schoolFile} ${report.schoolName} ${day}.xlsx`, {
    rows,
    total: report.total,
    nameHeader: labels.class,
    labels,
    locale,
    asOf: report.asOf,
  });
}

async function workbookFile(fileName: string, table: Table): Promise<ReportFile> {
  return { fileName, content: await toXlsx(reportSheet(table)) };
}

interface Table {
  rows: readonly ExportRow[];
  total: ProgressReport;
  nameHeader: string;
  labels: ReportExportLabels;
  locale: ReportLocale;
  /** when the figures were counted, written under the table */
  asOf: string;
}

/**
 * The report table as a sheet: the path-independent figures for every row
 * (progress among those taking part, people by status, opted out apart), then
 * each path's steps (empty for rows on another path), a total row at the
 * bottom; shares as real percentages; under it, when the figures were counted.
 */
export function reportSheet({ rows, total, nameHeader, labels, locale, asOf }: Table): Sheet {
  const withClasses = rows.some((row) => row.classes !== undefined);
  const paths = pathsOf(rows);
  const columns: Column[] = [
    { header: nameHeader, width: 36, value: (row) => row.name },
    { header: labels.path, width: 24, value: (row) => knownPath(row.pathId)?.name[locale] ?? (row.pathName || null) },
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
    ...stepColumns(paths, labels, locale),
    { header: labels.studentsClassChat, width: 16, value: (row) => row.students.classChatJoined },
    { header: labels.parentsClassChat, width: 16, value: (row) => row.parents.classChatJoined },
  ];
  // The total's path cell names the one path, or stays empty when there are several.
  const onePath = paths.length === 1 ? paths[0] : undefined;
  const totalRow: ExportRow = {
    ...total,
    name: labels.total,
    classes: rows.reduce((sum, row) => sum + (row.classes ?? 0), 0),
    pathId: onePath?.id ?? '',
    pathName: '',
  };
  return {
    name: labels.sheet,
    headers: columns.map((column) => column.header),
    widths: columns.map((column) => column.width),
    percentColumns: columns.flatMap((column, index) => (column.percent ? [index] : [])),
    rows: [
      ...rows.map((row) => columns.map((column) => column.value(row, false))),
      columns.map((column) => column.value(totalRow, true)),
    ],
    totalRow: true,
    frozenColumns: 1,
    notes: [labels.asOf(moscowDateTime(asOf))],
  };
}

function knownPath(pathId: string): OnboardingPath | undefined {
  return PATH_CATALOGUE.has(pathId) ? PATH_CATALOGUE.get(pathId) : undefined;
}

/** The paths the rows are on, in the catalogue's order, each once. */
function pathsOf(rows: readonly ExportRow[]): OnboardingPath[] {
  const seen = new Set(rows.map((row) => row.pathId));
  return PATH_CATALOGUE.paths.filter((path) => seen.has(path.id));
}

function stepColumns(paths: readonly OnboardingPath[], labels: ReportExportLabels, locale: ReportLocale): Column[] {
  const several = paths.length > 1;
  const kindColumns = (kind: 'students' | 'parents', header: (step: string) => string) =>
    paths.flatMap((path) =>
      path.steps.map((step): Column => {
        const title = step.title[locale];
        return {
          header: header(several ? labels.stepOfPath(title, path.name[locale]) : title),
          width: 18,
          value: (row, isTotal) => {
            const counts = row[kind].steps[step.id];
            // The total holds every path's steps, each over its own schools; a row only its own path's.
            return counts && (isTotal || row.pathId === path.id) ? stepShare(counts) : null;
          },
          percent: true,
        };
      }),
    );
  return [...kindColumns('students', labels.studentsStep), ...kindColumns('parents', labels.parentsStep)];
}
