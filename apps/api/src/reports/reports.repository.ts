import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { CounterRow, DistrictSchool, SchoolClassRow } from './report-builder';
import { REPORTS_SQL } from './reports.sql';

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

  async schoolInDistrict(
    manager: EntityManager,
    schoolId: string,
    districtId: string,
  ): Promise<{ name: string; path_id: string } | undefined> {
    const rows = await manager.query<Array<{ name: string; path_id: string }>>(REPORTS_SQL.schoolInDistrict, [
      schoolId,
      districtId,
    ]);
    return rows[0];
  }

  schoolClasses(manager: EntityManager, schoolId: string): Promise<SchoolClassRow[]> {
    return manager.query<SchoolClassRow[]>(REPORTS_SQL.schoolClasses, [schoolId]);
  }

  schoolCounters(manager: EntityManager, schoolId: string): Promise<Array<CounterRow & { class_id: string }>> {
    return manager.query<Array<CounterRow & { class_id: string }>>(REPORTS_SQL.schoolCounters, [schoolId]);
  }

  /** Whether the school or class (archived or not) belongs to the district. */
  async inDistrict(table: 'school' | 'school_class', districtId: string, id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1 AND district_id = $2`, [
      id,
      districtId,
    ]);
    return rows.length > 0;
  }

  /** Snapshot counters summed per day and path, for the district or one of its schools or classes. */
  historyCounters(
    districtId: string,
    range: { from: string; to: string },
    unit: { schoolId?: string; classId?: string },
  ): Promise<HistoryCounterRow[]> {
    return this.dataSource.query<HistoryCounterRow[]>(REPORTS_SQL.historyCounters, [
      districtId,
      range.from,
      range.to,
      unit.schoolId ?? null,
      unit.classId ?? null,
    ]);
  }
}
