import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { CATALOGUE_ID_PATTERN } from '../../database/check-sql';
import type { CounterRow } from '../report-builder';

/** A class's counters at the end of one day, for the charts over time. */
@Entity({ name: 'progress_snapshot' })
@Index('progress_snapshot_district_day_idx', ['districtId', 'day'])
@Index('progress_snapshot_school_day_idx', ['schoolId', 'day'])
@Check('progress_snapshot_source_check', `source IN ('counters', 'events')`)
@Check('progress_snapshot_path_id_check', `path_id ~ ${CATALOGUE_ID_PATTERN}`)
export class ProgressSnapshot {
  @PrimaryColumn({ name: 'class_id', type: 'uuid', primaryKeyConstraintName: 'progress_snapshot_pkey' })
  @ForeignKey('school_class', { name: 'progress_snapshot_class_id_fkey', onDelete: 'CASCADE' })
  classId!: string;

  /** "2026-09-30" */
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'progress_snapshot_pkey' })
  day!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  /** the class_progress rows of that day */
  @Column({ type: 'jsonb' })
  counters!: CounterRow[];

  @Column({ name: 'taken_at', type: 'timestamptz', default: () => 'now()' })
  takenAt!: Date;

  /** 'counters' when copied at the end of the day, 'events' when rebuilt after downtime */
  @Column({ type: 'text' })
  source!: 'counters' | 'events';

  /** the path the school was on that day */
  @Column({ name: 'path_id', type: 'text' })
  pathId!: string;
}
