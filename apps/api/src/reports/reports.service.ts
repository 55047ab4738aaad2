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
  type DistrictSchool,
  type SchoolClassRow,
} from './report-builder';
import { ShortLivedCache } from './short-lived-cache';
import { REPORTS_SQL } from './reports.sql';

type Nullable<T> = { [K in keyof T]: T[K] | null };

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
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [district] = await manager.query<Array<{ name: string }>>(REPORTS_SQL.districtName, [districtId]);
      const schools = await manager.query<DistrictSchool[]>(REPORTS_SQL.districtSchools, [districtId]);
      const rows = await manager.query<Array<CounterRow & { school_id: string }>>(REPORTS_SQL.districtCounters, [districtId]);
      return buildDistrictReport({ id: districtId, name: district.name }, schools, rows, this.catalogue);
    });
  }

  /** One school of the key's district; another district's school is not found. */
  school(districtId: string, schoolId: string): Promise<SchoolReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [school] = await manager.query<Array<{ name: string; path_id: string }>>(REPORTS_SQL.schoolInDistrict, [schoolId, districtId]);
      if (!school) throw new NotFoundException('School not found');
      const classes = await manager.query<SchoolClassRow[]>(REPORTS_SQL.schoolClasses, [schoolId]);
      const rows = await manager.query<Array<CounterRow & { class_id: string }>>(REPORTS_SQL.schoolCounters, [schoolId]);
      return buildSchoolReport({ id: schoolId, ...school }, classes, rows, this.catalogue);
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
    const rows = await this.dataSource.query<Array<Nullable<CounterRow> & { day: string; path_id: string }>>(
      REPORTS_SQL.historyCounters,
      [districtId, range.from, range.to, unit.schoolId ?? null, unit.classId ?? null],
    );
    const byDay = new Map<string, { pathIds: Set<string>; counters: Array<CounterRow & { path_id: string }> }>();
    for (const row of rows) {
      const day = byDay.get(row.day) ?? { pathIds: new Set<string>(), counters: [] };
      byDay.set(row.day, day);
      day.pathIds.add(row.path_id);
      if (row.item !== null) day.counters.push(row as CounterRow & { path_id: string });
    }
    return {
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
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1 AND district_id = $2`, [id, districtId]);
    if (rows.length === 0) throw new NotFoundException(table === 'school' ? 'School not found' : 'Class not found');
  }
}
