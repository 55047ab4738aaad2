import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The reporting API's last count of a district, shared by every copy of the
 * API (an UNLOGGED table: see the migration SharedReportCache1764228600000).
 */
@Entity({ name: 'district_report_cache' })
export class DistrictReportCache {
  @PrimaryColumn({ name: 'district_id', type: 'uuid', primaryKeyConstraintName: 'district_report_cache_pkey' })
  districtId!: string;

  /** the DistrictReport as served, `asOf` included */
  @Column({ type: 'json' })
  report!: unknown;

  @Column({ name: 'counted_at', type: 'timestamptz' })
  countedAt!: Date;
}
