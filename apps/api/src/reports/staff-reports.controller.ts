import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiCookieAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
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
  district(@Auth() auth: AuthContext): Promise<DistrictReport> {
    this.access.requireRole(auth, 'district.read');
    return this.reports.district(auth.districtId);
  }

  @Get(ROUTES.reports.school)
  @Responds(SchoolReportSchema, {
    description: 'A school the caller administers, as GET /api/v1/reports/schools/{schoolId} gives it.',
  })
  async school(@Auth() auth: AuthContext, @UuidParam('schoolId') schoolId: string): Promise<SchoolReport> {
    await this.access.requireAccess(auth, 'school.report', schoolId);
    return this.reports.school(auth.districtId, schoolId);
  }

  @Get(ROUTES.reports.history)
  @Responds(HistoryReportSchema, {
    description:
      'Counters per day, each day naming its paths (pathIds); a school admin must name their school (or one of its classes).',
  })
  async history(@Auth() auth: AuthContext, @Query() query: HistoryRangeDto): Promise<HistoryReport> {
    if (query.classId) {
      const schoolClass = await this.access.requireAccess(auth, 'class.read', query.classId);
      await this.access.requireAccess(auth, 'school.report', schoolClass.schoolId);
    } else if (query.schoolId) {
      await this.access.requireAccess(auth, 'school.report', query.schoolId);
    } else {
      this.access.requireRole(auth, 'district.read');
    }
    return this.reports.history(auth.districtId, historyRange(query), query);
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
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    this.access.requireRole(auth, 'district.read');
    const report = await this.reports.district(auth.districtId);
    return send(response, await districtWorkbook(report, query.locale ?? 'ru', moscowToday()));
  }

  @Get(ROUTES.reports.schoolExport)
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiQuery({ name: 'locale', required: false, enum: REPORT_LOCALES })
  @RespondsWithFile([CONTENT_TYPES.xlsx], { description: 'One school’s report, class by class, as an XLSX file.' })
  async schoolExport(
    @Auth() auth: AuthContext,
    @UuidParam('schoolId') schoolId: string,
    @Query() query: ReportExportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    await this.access.requireAccess(auth, 'school.report', schoolId);
    const report = await this.reports.school(auth.districtId, schoolId);
    return send(response, await schoolWorkbook(report, query.locale ?? 'ru', moscowToday()));
  }
}

/** Today in Moscow, where the reports' days are counted. */
function moscowToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
}

function send(response: Response, file: ReportFile): StreamableFile {
  response.attachment(file.fileName);
  // A report holds figures of schools: never kept by a shared cache.
  response.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(file.content, { type: CONTENT_TYPES.xlsx });
}
