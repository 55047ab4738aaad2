import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** When a staff member last looked at a class: «Что изменилось» starts there. */
@Entity({ name: 'staff_class_visit' })
export class StaffClassVisit {
  @PrimaryColumn({ name: 'staff_user_id', type: 'uuid', primaryKeyConstraintName: 'staff_class_visit_pkey' })
  @ForeignKey('staff_user', { name: 'staff_class_visit_staff_user_id_fkey', onDelete: 'CASCADE' })
  staffUserId!: string;

  @PrimaryColumn({ name: 'class_id', type: 'uuid', primaryKeyConstraintName: 'staff_class_visit_pkey' })
  @ForeignKey('school_class', { name: 'staff_class_visit_class_id_fkey', onDelete: 'CASCADE' })
  @Index('staff_class_visit_class_idx')
  classId!: string;

  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt!: Date;
}
