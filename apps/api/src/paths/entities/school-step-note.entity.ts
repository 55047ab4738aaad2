import { Check, Column, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { CATALOGUE_ID_PATTERN } from '../../database/check-sql';

/** A school's own note on one step of a path, shown to its families beside the path's instructions. */
@Entity({ name: 'school_step_note' })
@ForeignKey('school', ['schoolId', 'districtId'], ['id', 'districtId'], {
  name: 'school_step_note_school_fk',
  onDelete: 'CASCADE',
})
@Check('school_step_note_path_id_check', `path_id ~ ${CATALOGUE_ID_PATTERN}`)
@Check('school_step_note_step_check', `step ~ ${CATALOGUE_ID_PATTERN}`)
@Check('school_step_note_note_check', `length(btrim(note)) BETWEEN 1 AND 300`)
export class SchoolStepNote {
  @PrimaryColumn({ name: 'school_id', type: 'uuid', primaryKeyConstraintName: 'school_step_note_pkey' })
  schoolId!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @PrimaryColumn({ name: 'path_id', type: 'text', primaryKeyConstraintName: 'school_step_note_pkey' })
  pathId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'school_step_note_pkey' })
  step!: string;

  @Column({ type: 'text' })
  note!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
