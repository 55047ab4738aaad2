import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'school' })
export class School {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'district_id', type: 'uuid' })
  districtId!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
