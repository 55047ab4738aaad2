import { Injectable, NotFoundException } from '@nestjs/common';
import { formatClassName, type DistrictReport, type HistoryReport, type SchoolReport } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { buildReport, type CounterRow } from './report-builder';
import { ShortLivedCache } from './short-lived-cache';
import { REPORTS_SQL } from './reports.sql';

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
    config: AppConfig,
  ) {
    this.districtReports = new ShortLivedCache(config.REPORT_CACHE_SECONDS * 1000);
  }

  /** At most REPORT_CACHE_SECONDS old: for the reporting API. */
  recentDistrict(districtId: string): Promise<DistrictReport> {
    return this.districtReports.get(districtId, () => this.district(districtId));
  }

  /** Counted now. */
  async district(districtId: string): Promise<DistrictReport> {
    const [district] = await this.dataSource.query<Array<{ name: string }>>(REPORTS_SQL.districtName, [districtId]);
    const schools = await this.dataSource.query<Array<{ id: string; name: string; classes: number }>>(
      REPORTS_SQL.districtSchools,
      [districtId],
    );
    const rows = await this.dataSource.query<Array<CounterRow & { school_id: string }>>(
      REPORTS_SQL.districtCounters,
      [districtId],
    );
    return {
      districtId,
      districtName: district.name,
      total: buildReport(rows),
      schools: schools.map((school) => ({
        schoolId: school.id,
        schoolName: school.name,
        classes: school.classes,
        ...buildReport(rows.filter((row) => row.school_id === school.id)),
      })),
    };
  }

  /** One school of the key's district; another district's school is not found. */
  async school(districtId: string, schoolId: string): Promise<SchoolReport> {
    const [school] = await this.dataSource.query<Array<{ name: string }>>(
      REPORTS_SQL.schoolInDistrict,
      [schoolId, districtId],
    );
    if (!school) throw new NotFoundException('School not found');
    const classes = await this.dataSource.query<Array<{ id: string; grade: number; letter: string; academic_year: string }>>(
      REPORTS_SQL.schoolClasses,
      [schoolId],
    );
    const rows = await this.dataSource.query<Array<CounterRow & { class_id: string }>>(
      REPORTS_SQL.schoolCounters,
      [schoolId],
    );
    return {
      schoolId,
      schoolName: school.name,
      total: buildReport(rows),
      classes: classes.map((schoolClass) => ({
        classId: schoolClass.id,
        className: formatClassName(schoolClass.grade, schoolClass.letter),
        academicYear: schoolClass.academic_year,
        ...buildReport(rows.filter((row) => row.class_id === schoolClass.id)),
      })),
    };
  }

  /** Counters per day from the snapshots, for the district, or one of its schools or classes. */
  async history(
    districtId: string,
    range: { from: string; to: string },
    unit: { schoolId?: string; classId?: string },
  ): Promise<HistoryReport> {
    if (unit.schoolId) await this.requireInDistrict('school', districtId, unit.schoolId);
    if (unit.classId) await this.requireInDistrict('school_class', districtId, unit.classId);
    const rows = await this.dataSource.query<Array<CounterRow & { day: string }>>(
      `SELECT to_char(ps.day, 'YYYY-MM-DD') AS day, x.person_kind, x.item, x.status, x.blocker_reason, sum(x.people)::int AS people
       FROM progress_snapshot ps
       CROSS JOIN LATERAL jsonb_to_recordset(ps.counters) AS x(person_kind text, item text, status text, blocker_reason text, people int)
       WHERE ps.district_id = $1 AND ps.day BETWEEN $2::date AND $3::date
         AND ($4::uuid IS NULL OR ps.school_id = $4::uuid) AND ($5::uuid IS NULL OR ps.class_id = $5::uuid)
       GROUP BY 1, 2, 3, 4, 5`,
      [districtId, range.from, range.to, unit.schoolId ?? null, unit.classId ?? null],
    );
    const days = [...new Set(rows.map((row) => row.day))].sort();
    return {
      from: range.from,
      to: range.to,
      schoolId: unit.schoolId ?? null,
      classId: unit.classId ?? null,
      days: days.map((day) => ({ day, ...buildReport(rows.filter((row) => row.day === day)) })),
    };
  }

  private async requireInDistrict(table: 'school' | 'school_class', districtId: string, id: string): Promise<void> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1 AND district_id = $2`, [id, districtId]);
    if (rows.length === 0) throw new NotFoundException(table === 'school' ? 'School not found' : 'Class not found');
  }
}
