import type { ProgressSource } from '@sferum/contracts';
import { Column, UpdateDateColumn } from 'typeorm';

/**
 * The columns a person's step and a person's chat membership share: where the
 * row belongs, why it is blocked, and who changed it last. Each entity adds its
 * own status (with its own values and default) and its checks.
 */
export abstract class ItemStateColumns {
  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  /** a reason id of the path; set exactly when blocked */
  @Column({ name: 'blocker_reason', type: 'text', nullable: true })
  blockerReason!: string | null;

  @Column({ name: 'blocker_note', type: 'text', nullable: true })
  blockerNote!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_source', type: 'text', nullable: true })
  updatedSource!: ProgressSource | null;
}
