import { Controller, Get, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { SESSION_COOKIE, type DistrictReport, type HistoryReport, type SchoolReport, DistrictReportSchema, HistoryReportSchema, ROUTES, SchoolReportSchema } from '@sferum/contracts';
import type { AuthContext } from '../auth/auth-context';
import { AccessPolicy } from '../auth/access-policy.service';
import { Auth } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param.decorator';
import { HistoryRangeDto, historyRange } from './history-query.dto';
import { ReportsService } from './reports.service';
import { Responds } from '../common/contract/responds.decorator';

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
  @Responds(SchoolReportSchema, { description: 'A school the caller administers, as GET /api/v1/reports/schools/{schoolId} gives it.' })
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

}
