import type { ImportColumnMapping } from '@sferum/contracts';
import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A school's saved mapping of class-list columns, by name: headers and roles only, no cell of any file. */
@Entity({ name: 'import_mapping' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], {
  name: 'import_mapping_school_fk',
  onDelete: 'CASCADE',
})
@Check('import_mapping_name_trimmed', `name = btrim(name)`)
@Check('import_mapping_name_length', `length(name) BETWEEN 1 AND 100`)
@Check('import_mapping_mapping_check', `jsonb_typeof(mapping) = 'object'`)
@Check('import_mapping_header_row_check', `header_row BETWEEN 1 AND 100`)
export class ImportMapping {
  @PrimaryColumn({ name: 'school_id', type: 'uuid', primaryKeyConstraintName: 'import_mapping_pkey' })
  schoolId!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'import_mapping_pkey' })
  name!: string;

  @Column({ type: 'jsonb' })
  mapping!: ImportColumnMapping;

  @Column({ name: 'header_row', type: 'integer' })
  headerRow!: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  @ForeignKey('staff_user', { name: 'import_mapping_updated_by_fkey', onDelete: 'SET NULL' })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
