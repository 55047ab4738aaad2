import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A municipal education authority (управление образования) and its schools. */
@Entity({ name: 'district' })
@Unique('district_name_unique', ['name'])
@Check('district_name_check', `length(btrim(name)) BETWEEN 1 AND 200`)
export class District {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'district_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
