import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';

/** A class a teacher leads; teacher and class are of the same school. */
@Entity({ name: 'teacher_class' })
@ForeignKey('staff_user', ['staffUserId', 'schoolId'], ['id', 'schoolId'], {
  name: 'teacher_class_staff_fk',
  onDelete: 'CASCADE',
})
@ForeignKey('school_class', ['classId', 'schoolId', 'districtId'], ['id', 'schoolId', 'districtId'], {
  name: 'teacher_class_class_fk',
  onDelete: 'CASCADE',
})
export class TeacherClass {
  @PrimaryColumn({ name: 'staff_user_id', type: 'uuid', primaryKeyConstraintName: 'teacher_class_pkey' })
  staffUserId!: string;

  @PrimaryColumn({ name: 'class_id', type: 'uuid', primaryKeyConstraintName: 'teacher_class_pkey' })
  @Index('teacher_class_class_idx')
  classId!: string;

  @Column({ name: 'school_id', type: 'uuid' })
  schoolId!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
