import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  DistrictReportSchema,
  HistoryReportSchema,
  ROUTES,
  SchoolReportSchema,
  type DistrictReport,
  type HistoryReport,
  type ProgressReport,
  type SchoolReport,
} from '@sferum/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { neutralizeFormula } from '../common/spreadsheet-formulas';
import { UuidParam } from '../common/uuid-param.decorator';
import { ApiKeyGuard, type ApiKeyRequest } from './api-key.guard';
import { HistoryQueryDto, historyRange, REPORT_FORMATS, ReportFormatDto, type ReportFormat } from './history-query.dto';
import { markEtag, markFigures, reportJson, type ReportJson } from './report-etag';
import { moscowDateTime } from './moscow-time';
import { buildReport, csvSteps, reportColumns, type CsvStep } from './report-builder';
import { ReportsService } from './reports.service';
import { Responds } from '../common/contract/responds.decorator';

/** What v1 gained with onboarding paths and opting out; every route says it. */
const ADDITIVE_TO_V1 =
  'Additive to v1: fields were added, none removed or renamed. New: `pathId` and `pathName` (the path a school or class is on), ' +
  'per kind of person `participants` (people who did not opt out) and `overall` (connected, inProgress, blocked, notStarted, ' +
  'optedOut, shareConnected), per step `optedOut`, `paths` (district) and `pathIds` (history). `steps` is keyed by the step ids of ' +
  'the unit’s path (`max`: max_account, school_profile; legacy `vk`: vk_id, sferum_profile, messenger), and each step’s ' +
  '`blockedByReason` lists every reason that step offers on its path. `shareDone` and `shareConnected` are over `participants`: ' +
  'people who opted out (a lawful choice, never a failure) count in `optedOut` and in no share’s base, so `shareDone` equals the ' +
  'old value wherever nobody opted out; likewise `subjectChatMemberships` counts the memberships of participants. ' +
  'Every answer has `asOf`: when its figures were counted (ISO 8601, UTC). ' +
  'CSV: the header row always comes first, also with no rows; each row starts with `as_of` (the same instant; with ' +
  '`format=excel-csv` as «02.12.2026 21:25» Moscow time). After the unit’s own columns come `path` and `path_name`, then per kind (`students_…`, `parents_…`) the people, ' +
  '`_participants`, the overall columns (`_connected`, `_in_progress`, `_blocked`, `_not_started`, `_opted_out`, `_share_connected`), ' +
  'the columns of each step (`_<step>_done`, `_blocked`, `_not_started`, `_opted_out`, `_share_done`, `_blocked_<reason>`) and the chats.';

/**
 * The reporting API for a district's own scripts and spreadsheets: counts and
 * shares per school and class, never a name. JSON by default; CSV with
 * `Accept: text/csv` or `?format=csv` (UTF-8 with BOM, comma-separated), or
 * `?format=excel-csv` for Russian Excel (semicolons). Every answer says when
 * its figures were counted (`asOf`, the CSV's `as_of` column) and has an ETag
 * over its figures; send it back in If-None-Match to get 304 while they are
 * the same.
 */
@ApiTags('reports (v1)')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked key.' })
@ApiTooManyRequestsResponse({ description: 'More than 60 requests a minute with one key; see Retry-After.' })
@ApiQuery({
  name: 'format',
  required: false,
  enum: REPORT_FORMATS,
  description:
    '`json` (default); `csv`: comma-separated UTF-8 with BOM for scripts (also `Accept: text/csv`); `excel-csv`: the same ' +
    'table for Russian Excel to open in columns: semicolons, decimal commas, CRLF, UTF-8 with BOM, `as_of` in Moscow time.',
})
@ApiProduces('application/json', 'text/csv')
@Public()
@UseGuards(ApiKeyGuard)
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get(ROUTES.reportsV1.district)
  @ApiOperation({
    summary: 'The key’s district: totals, one entry per path, one row per school',
    description:
      'Counted at most REPORT_CACHE_SECONDS (30) ago; `asOf` says when. ' +
      'Reading a district whose schools are on different paths: the paths have different steps, so compare schools by ' +
      '`overall.shareConnected` (connected: every step of the school’s path done and the class chat joined, over participants) ' +
      'and by `overall.optedOut`, which mean the same on every path. Per-step figures compare only within one path: `paths` ' +
      'has the district’s schools on each path added up, and each school row names its `pathId`. `total` holds the figures ' +
      'that do not depend on the path (people, participants, overall, chats) for the whole district; its `steps` holds every ' +
      'path’s steps, each counted over the schools on that path only (its `shareDone` over their participants). ' +
      'CSV: one row per school; with schools on several paths the columns are the union of the paths’ steps, and a ' +
      'school’s cells of another path’s steps are empty. ' +
      ADDITIVE_TO_V1,
  })
  @Responds(DistrictReportSchema, { csv: true, description: 'The district report (JSON) or one CSV row per school.' })
  async district(
    @Req() request: ApiKeyRequest,
    @Query() query: ReportFormatDto,
    @Res() response: Response,
  ): Promise<void> {
    const { report, json } = await this.reports.recentDistrict(request.apiKey!.districtId);
    send(request, response, query, report, json, () => {
      const steps = csvSteps([...report.paths, ...report.schools]);
      return {
        columns: ['school_id', 'school_name', 'classes', ...columnNames(steps)],
        rows: report.schools.map((school) => ({
          school_id: school.schoolId,
          school_name: school.schoolName,
          classes: school.classes,
          ...flat({ id: school.pathId, name: school.pathName }, school, steps),
        })),
      };
    });
  }

  @Get(ROUTES.reportsV1.history)
  @ApiOperation({
    summary: 'Counters per day from the daily snapshots: the district, or one school or class of it',
    description:
      'Each snapshot keeps the path its class was on that day (a school that switched paths shows the old path’s steps before ' +
      'the switch and the new one’s after); `pathIds` lists a day’s paths, and a day on several paths is added up as the ' +
      'district’s `total` is. CSV: one row per day, `path` holding the day’s path ids joined by `|`. ' +
      ADDITIVE_TO_V1,
  })
  @Responds(HistoryReportSchema, { csv: true, description: 'One entry (or CSV row) per day that has snapshots.' })
  async history(
    @Req() request: ApiKeyRequest,
    @Query() query: HistoryQueryDto,
    @Res() response: Response,
  ): Promise<void> {
    const report = await this.reports.history(request.apiKey!.districtId, historyRange(query), query);
    send(request, response, query, report, undefined, () => {
      const steps = csvSteps(report.days);
      return {
        columns: ['day', ...columnNames(steps)],
        rows: report.days.map((day) => ({
          day: day.day,
          ...flat(
            { id: day.pathIds.join('|'), name: day.pathIds.map((id) => this.reports.pathName(id)).join(' | ') },
            day,
            steps,
          ),
        })),
      };
    });
  }

  @Get(ROUTES.reportsV1.school)
  @ApiOperation({
    summary: 'One school of the key’s district: totals and one row per class',
    description:
      'The school and each of its classes are on the school’s path (`pathId`, `pathName`). ' + ADDITIVE_TO_V1,
  })
  @Responds(SchoolReportSchema, { csv: true, description: 'The school report (JSON) or one CSV row per class.' })
  @ApiNotFoundResponse({ description: 'Not a school of the key’s district.' })
  async school(
    @Req() request: ApiKeyRequest,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: ReportFormatDto,
    @Res() response: Response,
  ): Promise<void> {
    const report = await this.reports.school(request.apiKey!.districtId, schoolId);
    send(request, response, query, report, undefined, () => {
      const steps = csvSteps([report.total, ...report.classes]);
      return {
        columns: ['class_id', 'class_name', 'academic_year', ...columnNames(steps)],
        rows: report.classes.map((schoolClass) => ({
          class_id: schoolClass.classId,
          class_name: schoolClass.className,
          academic_year: schoolClass.academicYear,
          ...flat({ id: schoolClass.pathId, name: schoolClass.pathName }, schoolClass, steps),
        })),
      };
    });
  }
}

const EMPTY_REPORT = buildReport([], { id: '', name: '', steps: [] });

/** The report columns for these steps, whatever the rows: a CSV with no rows still has its header. */
function columnNames(steps: readonly CsvStep[]): string[] {
  return reportColumns({ id: '', name: '' }, EMPTY_REPORT, steps).map(([column]) => column);
}

function flat(
  path: { id: string; name: string },
  report: ProgressReport,
  steps: readonly CsvStep[],
): Record<string, number | string> {
  return Object.fromEntries(reportColumns(path, report, steps));
}

interface CsvTable {
  columns: string[];
  rows: Array<Record<string, string | number>>;
}

/** The form a report answer takes: `format` wins, then the Accept header (text/csv). */
function formatOf(request: Request, query: ReportFormatDto): ReportFormat {
  if (query.format) return query.format;
  return request.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
}

/** A number as Russian Excel reads it in a semicolon CSV: a decimal comma (0,667); whole numbers as they are. */
function excelNumber(value: string | number): string | number {
  return typeof value === 'number' && !Number.isInteger(value) ? String(value).replace('.', ',') : value;
}

/**
 * The CSV of a report: the header row always first (also with no rows), then
 * one row per unit, each starting with `as_of`, when the figures were counted.
 * `csv`: commas, `as_of` in ISO 8601 UTC, for scripts; `excel-csv`: semicolons,
 * decimal commas, `as_of` as «02.12.2026 21:25» Moscow time, CRLF, for a
 * Russian Excel to open in columns. Both UTF-8 with a BOM.
 */
export function reportCsv(table: CsvTable, asOf: string, form: 'csv' | 'excel-csv'): Buffer {
  const excel = form === 'excel-csv';
  const stamp = excel ? moscowDateTime(asOf) : asOf;
  const cells = table.rows.map((row) =>
    Object.fromEntries(
      [['as_of', stamp] as const, ...Object.entries(row)].map(([column, value]) => [
        column,
        excel ? excelNumber(neutralizeFormula(value)) : neutralizeFormula(value),
      ]),
    ),
  );
  const body = stringify(cells, {
    header: true,
    columns: ['as_of', ...table.columns],
    ...(excel ? { delimiter: ';', record_delimiter: '\r\n' } : {}),
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/**
 * JSON (`json`, when it was worked out before, else now) or CSV as asked,
 * with an ETag over the figures and the form; Express answers 304 to a
 * matching If-None-Match.
 */
function send(
  request: Request,
  response: Response,
  query: ReportFormatDto,
  report: DistrictReport | SchoolReport | HistoryReport,
  json: ReportJson | undefined,
  csv: () => CsvTable,
): void {
  const form = formatOf(request, query);
  response.setHeader('Vary', 'Accept, Authorization');
  if (form === 'json') {
    const { body, etag } = json ?? reportJson(report);
    markEtag(request, response, etag);
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.send(body);
    return;
  }
  markFigures(request, response, form, report);
  response.type('text/csv; charset=utf-8').send(reportCsv(csv(), report.asOf, form));
}
