import { Controller, Get, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { DistrictReport, HistoryReport, ProgressReport, SchoolReport } from '@sferum/contracts';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { neutralizeFormula } from '../common/spreadsheet-formulas';
import { UuidParam } from '../common/uuid-param.decorator';
import { ApiKeyGuard, type ApiKeyRequest } from './api-key.guard';
import { HistoryQueryDto, historyRange, ReportFormatDto } from './history-query.dto';
import { reportColumns } from './report-builder';
import { ReportsService } from './reports.service';


/**
 * The reporting API for a district's own scripts and spreadsheets: counts and
 * shares per school and class, never a name. JSON by default; CSV with
 * `Accept: text/csv` or `?format=csv` (UTF-8 with BOM, comma-separated). Every
 * answer has an ETag; send it back in If-None-Match to get 304 when nothing
 * changed.
 */
@ApiTags('reports (v1)')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked key.' })
@ApiTooManyRequestsResponse({ description: 'More than 60 requests a minute with one key; see Retry-After.' })
@ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
@ApiProduces('application/json', 'text/csv')
@Public()
@UseGuards(ApiKeyGuard)
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('district')
  @ApiOkResponse({ description: 'The key’s district: totals and one row per school; counted at most REPORT_CACHE_SECONDS (30) ago.' })
  async district(@Req() request: ApiKeyRequest, @Query() query: ReportFormatDto, @Res() response: Response): Promise<void> {
    const report = await this.reports.recentDistrict(request.apiKey!.districtId);
    send(request, response, query, report, () =>
      report.schools.map((school) => ({ school_id: school.schoolId, school_name: school.schoolName, classes: school.classes, ...flat(school) })),
    );
  }

  @Get('history')
  @ApiOkResponse({ description: 'Counters per day from the daily snapshots: the district, or one school or class of it.' })
  async history(@Req() request: ApiKeyRequest, @Query() query: HistoryQueryDto, @Res() response: Response): Promise<void> {
    const report = await this.reports.history(request.apiKey!.districtId, historyRange(query), query);
    send(request, response, query, report, () => report.days.map((day) => ({ day: day.day, ...flat(day) })));
  }

  @Get('schools/:schoolId')
  @ApiOkResponse({ description: 'One school of the key’s district: totals and one row per class.' })
  @ApiNotFoundResponse({ description: 'Not a school of the key’s district.' })
  async school(
    @Req() request: ApiKeyRequest,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: ReportFormatDto,
    @Res() response: Response,
  ): Promise<void> {
    const report = await this.reports.school(request.apiKey!.districtId, schoolId);
    send(request, response, query, report, () =>
      report.classes.map((schoolClass) => ({
        class_id: schoolClass.classId,
        class_name: schoolClass.className,
        academic_year: schoolClass.academicYear,
        ...flat(schoolClass),
      })),
    );
  }
}

function flat(report: ProgressReport): Record<string, number> {
  return Object.fromEntries(reportColumns(report));
}

/** JSON or CSV as asked; Express adds the ETag and answers 304 to a matching If-None-Match. */
function send(
  request: Request,
  response: Response,
  query: ReportFormatDto,
  report: DistrictReport | SchoolReport | HistoryReport,
  csvRows: () => Array<Record<string, string | number>>,
): void {
  const wantsCsv = query.format === 'csv' || (query.format === undefined && request.accepts(['application/json', 'text/csv']) === 'text/csv');
  response.setHeader('Cache-Control', 'private, no-cache');
  response.setHeader('Vary', 'Accept, Authorization');
  if (!wantsCsv) {
    response.json(report);
    return;
  }
  const rows = csvRows().map((row) => Object.fromEntries(Object.entries(row).map(([column, value]) => [column, neutralizeFormula(value)])));
  const body = stringify(rows, { header: true, columns: rows[0] ? Object.keys(rows[0]) : [] });
  response.type('text/csv; charset=utf-8').send(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]));
}
