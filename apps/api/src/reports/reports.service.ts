import { Injectable, NotFoundException } from '@nestjs/common';
import { PathCatalogue, type DistrictReport, type HistoryReport, type SchoolReport } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import {
  buildDayReport,
  buildDistrictReport,
  buildSchoolReport,
  inCatalogueOrder,
  reportPathOf,
  type CounterRow,
} from './report-builder';
import { ReportsRepository } from './reports.repository';
import { ShortLivedCache } from './short-lived-cache';

/**
 * District reports from the per-class counters alone: a few rows per class,
 * never a scan of people, never a name of a child or a parent. Archived
 * classes are left out. A parent with children in two classes counts in both.
 * Through the reporting API a district's report is counted at most once per
 * REPORT_CACHE_SECONDS: for a large district that reads a hundred thousand
 * counter rows (docs/benchmarks.md). The district admin's dashboard counts
 * afresh: one admin, a page view at a time, who expects to see a change at once.
 */
@Injectable()
export class ReportsService {
  private readonly districtReports: ShortLivedCache<DistrictReport>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly catalogue: PathCatalogue,
    config: AppConfig,
  ) {
    this.districtReports = new ShortLivedCache(config.REPORT_CACHE_SECONDS * 1000);
  }

  /** At most REPORT_CACHE_SECONDS old: for the reporting API. */
  recentDistrict(districtId: string): Promise<DistrictReport> {
    return this.districtReports.get(districtId, () => this.district(districtId));
  }

  /** Counted now, from one consistent view of the district (a path switch lands wholly before or after). */
  district(districtId: string): Promise<DistrictReport> {
    const asOf = new Date().toISOString();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const district = await this.reports.district(manager, districtId);
      const schools = await this.reports.districtSchools(manager, districtId);
      const rows = await this.reports.districtCounters(manager, districtId);
      return { asOf, ...buildDistrictReport({ id: districtId, name: district!.name }, schools, rows, this.catalogue) };
    });
  }

  /** One school of the key's district; another district's school is not found. */
  school(districtId: string, schoolId: string): Promise<SchoolReport> {
    const asOf = new Date().toISOString();
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const school = await this.reports.schoolInDistrict(manager, schoolId, districtId);
      if (!school) throw new NotFoundException('School not found');
      const classes = await this.reports.schoolClasses(manager, schoolId);
      const rows = await this.reports.schoolCounters(manager, schoolId);
      return { asOf, ...buildSchoolReport({ id: schoolId, ...school }, classes, rows, this.catalogue) };
    });
  }

  /**
   * Counters per day from the snapshots, for the district, or one of its
   * schools or classes. Each snapshot names the path its class was on that
   * day; a day's figures are added up over its paths as a district's total is.
   */
  async history(
    districtId: string,
    range: { from: string; to: string },
    unit: { schoolId?: string; classId?: string },
  ): Promise<HistoryReport> {
    if (unit.schoolId) await this.requireInDistrict('school', districtId, unit.schoolId);
    if (unit.classId) await this.requireInDistrict('school_class', districtId, unit.classId);
    const asOf = new Date().toISOString();
    const rows = await this.reports.historyCounters(districtId, range, unit);
    const byDay = new Map<string, { pathIds: Set<string>; counters: Array<CounterRow & { path_id: string }> }>();
    for (const row of rows) {
      const day = byDay.get(row.day) ?? { pathIds: new Set<string>(), counters: [] };
      byDay.set(row.day, day);
      day.pathIds.add(row.path_id);
      if (row.item !== null) day.counters.push(row as CounterRow & { path_id: string });
    }
    return {
      asOf,
      from: range.from,
      to: range.to,
      schoolId: unit.schoolId ?? null,
      classId: unit.classId ?? null,
      days: [...byDay.keys()].sort().map((day) => {
        const { pathIds, counters } = byDay.get(day)!;
        const ordered = inCatalogueOrder(this.catalogue, pathIds);
        return { day, pathIds: ordered, ...buildDayReport(counters, ordered, this.catalogue) };
      }),
    };
  }

  /** A path's Russian name, as reports show it. */
  pathName(pathId: string): string {
    return reportPathOf(this.catalogue, pathId).name;
  }

  private async requireInDistrict(table: 'school' | 'school_class', districtId: string, id: string): Promise<void> {
    if (!(await this.reports.inDistrict(table, districtId, id)))
      throw new NotFoundException(table === 'school' ? 'School not found' : 'Class not found');
  }
}
