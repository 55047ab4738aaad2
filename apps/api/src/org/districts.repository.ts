import { Injectable } from '@nestjs/common';
import type { DistrictSummary } from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { firstRow } from '../database/rows';

/** Districts: their names. Typed raw SQL. */
@Injectable()
export class DistrictsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async summary(districtId: string): Promise<DistrictSummary> {
    const rows = await this.dataSource.query<DistrictSummary[]>(`SELECT id, name FROM district WHERE id = $1`, [
      districtId,
    ]);
    return firstRow(rows, 'the district summary');
  }

  /** A taken name fails with a unique violation. */
  async rename(districtId: string, name: string): Promise<void> {
    await this.dataSource.query(`UPDATE district SET name = $2 WHERE id = $1`, [districtId, name]);
  }
}
