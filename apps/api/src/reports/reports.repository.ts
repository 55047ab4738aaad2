import { Injectable } from '@nestjs/common';
import type { DistrictReport, PersonKind } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { CounterRow, DistrictSchool, SchoolClassRow } from './report-builder';
import { REPORTS_SQL } from './reports.sql';

/** A cached report and how many more milliseconds it may be served ($2: the cache's lifetime). */
export interface CachedReport {
  report: DistrictReport;
  freshForMs: number;
}
const FRESH_FOR_MS = `(extract(epoch FROM counted_at - now()) * 1000 + $2)::float8`;

/** What a school's report is built from (`REPORTS_SQL.school`). */
export interface SchoolWithCounters {
  name: string;
  path_id: string;
  classes: SchoolClassRow[];
  counters: Array<CounterRow & { class_id: string }>;
}

/** A class of a school as `REPORTS_SQL.school` gives it, its counter rows packed as arrays. */
interface PackedClass extends SchoolClassRow {
  counters: Array<[PersonKind, string, string, string, number]>;
}

/** The row of `REPORTS_SQL.school`. */
interface PackedSchool {
  name: string;
  path_id: string;
  classes: PackedClass[];
}

/** The school's counter rows unpacked, each naming its class, as report-builder takes them. */
export function unpackSchool(row: PackedSchool): SchoolWithCounters {
  return {
    name: row.name,
    path_id: row.path_id,
    classes: row.classes,
    counters: row.classes.flatMap((schoolClass) =>
      schoolClass.counters.map(([person_kind, item, status, blocker_reason, people]) => ({
        class_id: schoolClass.id,
        person_kind,
        item,
        status,
        blocker_reason,
        people,
      })),
    ),
  };
}

type Nullable<T> = { [K in keyof T]: T[K] | null };

/** A day's snapshot counters of one path; `item` and the rest are null for a day of classes without counters. */
export type HistoryCounterRow = Nullable<CounterRow> & { day: string; path_id: string };

/**
 * What the reports read: the per-class counters with their district, schools
 * and classes, and the snapshots' history (typed raw SQL, the benchmarked text
 * from reports.sql.ts). The rows keep the column names report-builder works on.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async district(manager: EntityManager, districtId: string): Promise<{ name: string } | undefined> {
    const rows = await manager.query<Array<{ name: string }>>(REPORTS_SQL.districtName, [districtId]);
    return rows[0];
  }

  districtSchools(manager: EntityManager, districtId: string): Promise<DistrictSchool[]> {
    return manager.query<DistrictSchool[]>(REPORTS_SQL.districtSchools, [districtId]);
  }

  districtCounters(manager: EntityManager, districtId: string): Promise<Array<CounterRow & { school_id: string }>> {
    return manager.query<Array<CounterRow & { school_id: string }>>(REPORTS_SQL.districtCounters, [districtId]);
  }

  /** A school of the district with its classes and their counters, in one statement (one snapshot). */
  async school(manager: EntityManager, schoolId: string, districtId: string): Promise<SchoolWithCounters | undefined> {
    const rows = await preparedQuery<PackedSchool>(manager, REPORTS_SQL.school, [schoolId, districtId]);
    return rows[0] && unpackSchool(rows[0]);
  }

  /** Whether the school or class (archived or not) belongs to the district. */
  async inDistrict(
    manager: EntityManager,
    table: 'school' | 'school_class',
    districtId: string,
    id: string,
  ): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1 AND district_id = $2`, [
      id,
      districtId,
    ]);
    return rows.length > 0;
  }

  /** Snapshot counters summed per day and path, for the district or one of its schools or classes. */
  historyCounters(
    manager: EntityManager,
    districtId: string,
    range: { from: string; to: string },
    unit: { schoolId?: string; classId?: string },
  ): Promise<HistoryCounterRow[]> {
    return manager.query<HistoryCounterRow[]>(REPORTS_SQL.historyCounters, [
      districtId,
      range.from,
      range.to,
      unit.schoolId ?? null,
      unit.classId ?? null,
    ]);
  }

  /**
   * The district's report as some copy of the API last counted it, if that
   * was less than `lifetimeMs` ago, with how much longer it is fresh. On the
   * primary: the cache is an UNLOGGED table.
   */
  async cachedDistrictReport(districtId: string, lifetimeMs: number): Promise<CachedReport | undefined> {
    const rows = await this.dataSource.query<CachedReport[]>(
      `SELECT report, ${FRESH_FOR_MS} AS "freshForMs" FROM district_report_cache
       WHERE district_id = $1 AND counted_at > now() - $2 * interval '1 millisecond'`,
      [districtId, lifetimeMs],
    );
    return rows[0];
  }

  /**
   * Keeps `report` as the district's, unless another copy stored a fresh one
   * meanwhile: then that one is answered, so that every copy serves the same.
   */
  async storeDistrictReport(districtId: string, report: DistrictReport, lifetimeMs: number): Promise<CachedReport> {
    const rows = await this.dataSource.query<CachedReport[]>(
      `INSERT INTO district_report_cache AS c (district_id, report, counted_at) VALUES ($1, $3::json, now())
       ON CONFLICT (district_id) DO UPDATE SET report = EXCLUDED.report, counted_at = EXCLUDED.counted_at
         WHERE c.counted_at <= now() - $2 * interval '1 millisecond'
       RETURNING report, ${FRESH_FOR_MS} AS "freshForMs"`,
      [districtId, lifetimeMs, JSON.stringify(report)],
    );
    return rows[0] ?? (await this.cachedDistrictReport(districtId, lifetimeMs)) ?? { report, freshForMs: 0 };
  }
}
