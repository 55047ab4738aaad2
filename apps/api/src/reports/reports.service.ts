import { Injectable, NotFoundException } from '@nestjs/common';
import { PathCatalogue, type DistrictReport, type HistoryReport, type SchoolReport } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { readOnReplica } from '../database/read-replica';
import {
  buildDayReport,
  buildDistrictReport,
  buildSchoolReport,
  inCatalogueOrder,
  reportPathOf,
  type CounterRow,
} from './report-builder';
import { reportJson, type ReportJson } from './report-etag';
import { ReportsRepository } from './reports.repository';
import { ShortLivedCache } from './short-lived-cache';

/** A district's report with its JSON answer, worked out once per count: each request then only sends its bytes. */
export interface RecentReport {
  report: DistrictReport;
  json: ReportJson;
}

/**
 * District reports from the per-class counters alone: a few rows per class,
 * never a scan of people, never a name of a child or a parent. Archived
 * classes are left out. A parent with children in two classes counts in both.
 * Through the reporting API a district's report is counted at most once per
 * REPORT_CACHE_SECONDS: for a large district that reads a hundred thousand
 * counter rows (docs/benchmarks.md). The district admin's dashboard counts
 * afresh: one admin, a page view at a time, who expects to see a change at once.
 * Every report reads on the read replica when one is configured.
 */
@Injectable()
export class ReportsService {
  private readonly districtReports = new ShortLivedCache<RecentReport>();
  private readonly cacheLifetimeMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly catalogue: PathCatalogue,
    config: AppConfig,
  ) {
    this.cacheLifetimeMs = config.REPORT_CACHE_SECONDS * 1000;
  }

  /**
   * At most REPORT_CACHE_SECONDS old: for the reporting API. The count is
   * shared by every copy of the API (in PostgreSQL), and each keeps it in
   * memory as long as it is fresh there, so that all copies serve the same
   * report, and the same ETag, until it expires. Its JSON body and ETag are
   * worked out when it enters the memory, not per request: for a district
   * of hundreds of schools a JSON.stringify and a hash of its whole report.
   */
  async recentDistrict(districtId: string): Promise<RecentReport> {
    if (this.cacheLifetimeMs <= 0) return recent(await this.district(districtId));
    return this.districtReports.get(districtId, async () => {
      const cached = await this.reports.cachedDistrictReport(districtId, this.cacheLifetimeMs);
      const { report, freshForMs } =
        cached ??
        (await this.reports.storeDistrictReport(districtId, await this.district(districtId), this.cacheLifetimeMs));
      return { value: recent(report), freshForMs };
    });
  }

  /** Counted now, from one consistent view of the district (a path switch lands wholly before or after). */
  district(districtId: string): Promise<DistrictReport> {
    const asOf = new Date().toISOString();
    return readOnReplica(
      this.dataSource,
      async (manager) => {
        const district = await this.reports.district(manager, districtId);
        const schools = await this.reports.districtSchools(manager, districtId);
        const rows = await this.reports.districtCounters(manager, districtId);
        return {
          asOf,
          ...buildDistrictReport({ id: districtId, name: district!.name }, schools, rows, this.catalogue),
        };
      },
      'REPEATABLE READ',
    );
  }

  /**
   * One school of the key's district, from one statement: one consistent
   * view of it (a path switch lands wholly before or after) without a
   * transaction. Another district's school is not found.
   */
  async school(districtId: string, schoolId: string): Promise<SchoolReport> {
    const asOf = new Date().toISOString();
    const school = await readOnReplica(this.dataSource, (manager) =>
      this.reports.school(manager, schoolId, districtId),
    );
    if (!school) throw new NotFoundException('School not found');
    const { classes, counters } = school;
    return {
      asOf,
      ...buildSchoolReport(
        { id: schoolId, name: school.name, path_id: school.path_id },
        classes,
        counters,
        this.catalogue,
      ),
    };
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
    const asOf = new Date().toISOString();
    const rows = await readOnReplica(this.dataSource, async (manager) => {
      if (unit.schoolId) await this.requireInDistrict(manager, 'school', districtId, unit.schoolId);
      if (unit.classId) await this.requireInDistrict(manager, 'school_class', districtId, unit.classId);
      return this.reports.historyCounters(manager, districtId, range, unit);
    });
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

  private async requireInDistrict(
    manager: EntityManager,
    table: 'school' | 'school_class',
    districtId: string,
    id: string,
  ): Promise<void> {
    if (!(await this.reports.inDistrict(manager, table, districtId, id)))
      throw new NotFoundException(table === 'school' ? 'School not found' : 'Class not found');
  }
}

function recent(report: DistrictReport): RecentReport {
  return { report, json: reportJson(report) };
}
