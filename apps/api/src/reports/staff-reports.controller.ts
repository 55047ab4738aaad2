import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiCookieAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Request, Response } from 'express';
import {
  SESSION_COOKIE,
  type DistrictReport,
  type HistoryReport,
  type SchoolReport,
  DistrictReportSchema,
  HistoryReportSchema,
  ROUTES,
  SchoolReportSchema,
} from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { Auth } from '../auth/auth.decorators';
import { CONTENT_TYPES } from '../common/spreadsheet';
import { UuidParam } from '../common/uuid-param.decorator';
import { HistoryRangeDto, historyRange } from './history-query.dto';
import { REPORT_LOCALES, type ReportLocale } from './report-export-labels';
import { districtWorkbook, schoolWorkbook, type ReportFile } from './report-workbook';
import { ReportsService } from './reports.service';
import { markFigures } from './report-etag';
import { moscowToday } from './moscow-time';
import { Responds, RespondsWithFile } from '../common/contract/responds.decorator';

class ReportExportQueryDto {
  /** the language of the headers and of the paths' step titles; Russian by default */
  @IsOptional()
  @IsIn(REPORT_LOCALES)
  locale?: ReportLocale;
}

/**
 * The same reports for the dashboard, with the staff session instead of an
 * API key: a district admin sees the district, a school admin their school.
 */
@ApiTags('reports (dashboard)')
@ApiCookieAuth(SESSION_COOKIE)
@Controller()
export class StaffReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly access: AccessPolicy,
  ) {}

  @Get(ROUTES.reports.district)
  @Responds(DistrictReportSchema, {
    description:
      'The caller’s district (district admin only), as GET /api/v1/reports/district gives it, counted now: schools on different ' +
      'paths compare by overall.shareConnected and overall.optedOut; per-step figures only within one path (see `paths`).',
  })
  async district(
    @Auth() auth: AuthContext,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DistrictReport> {
    this.access.requireRole(auth, 'district.read');
    return marked(request, response, await this.reports.district(auth.districtId));
  }

  @Get(ROUTES.reports.school)
  @Responds(SchoolReportSchema, {
    description: 'A school the caller administers, as GET /api/v1/reports/schools/{schoolId} gives it.',
  })
  async school(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SchoolReport> {
    await this.access.requireAccess(auth, 'school.report', schoolId);
    return marked(request, response, await this.reports.school(auth.districtId, schoolId));
  }

  @Get(ROUTES.reports.history)
  @Responds(HistoryReportSchema, {
    description:
      'Counters per day, each day naming its paths (pathIds); a school admin must name their school (or one of its classes).',
  })
  async history(
    @Auth() auth: AuthContext,
    @Query() query: HistoryRangeDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<HistoryReport> {
    if (query.classId) {
      const schoolClass = await this.access.requireAccess(auth, 'class.read', query.classId);
      await this.access.requireAccess(auth, 'school.report', schoolClass.schoolId);
    } else if (query.schoolId) {
      await this.access.requireAccess(auth, 'school.report', query.schoolId);
    } else {
      this.access.requireRole(auth, 'district.read');
    }
    return marked(request, response, await this.reports.history(auth.districtId, historyRange(query), query));
  }

  @Get(ROUTES.reports.districtExport)
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiQuery({ name: 'locale', required: false, enum: REPORT_LOCALES })
  @RespondsWithFile([CONTENT_TYPES.xlsx], {
    description: 'The district report’s table of schools as the dashboard shows it, as an XLSX file.',
  })
  async districtExport(
    @Auth() auth: AuthContext,
    @Query() query: ReportExportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    this.access.requireRole(auth, 'district.read');
    const report = await this.reports.district(auth.districtId);
    const locale = query.locale ?? 'ru';
    // Unchanged figures: Express answers 304 to the empty answer, the workbook is not built.
    if (markFigures(request, response, `xlsx-${locale}`, report)) return undefined;
    return sendFile(response, await districtWorkbook(report, locale, moscowToday()));
  }

  @Get(ROUTES.reports.schoolExport)
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiQuery({ name: 'locale', required: false, enum: REPORT_LOCALES })
  @RespondsWithFile([CONTENT_TYPES.xlsx], { description: 'One school’s report, class by class, as an XLSX file.' })
  async schoolExport(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: ReportExportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile | undefined> {
    await this.access.requireAccess(auth, 'school.report', schoolId);
    const report = await this.reports.school(auth.districtId, schoolId);
    const locale = query.locale ?? 'ru';
    if (markFigures(request, response, `xlsx-${locale}`, report)) return undefined;
    return sendFile(response, await schoolWorkbook(report, locale, moscowToday()));
  }
}

/** The report, with the ETag of its figures: Express answers 304 when the client already holds them. */
function marked<T extends { asOf: string }>(request: Request, response: Response, report: T): T {
  markFigures(request, response, 'json', report);
  return report;
}

function sendFile(response: Response, file: ReportFile): StreamableFile {
  response.attachment(file.fileName);
  return new StreamableFile(file.content, { type: CONTENT_TYPES.xlsx });
}
