import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Hits of one rate-limit bucket (an action and who does it) in its current window. */
@Entity({ name: 'rate_limit_hit' })
@Check('rate_limit_hit_hits_check', `hits > 0`)
export class RateLimitHit {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'rate_limit_hit_pkey' })
  bucket!: string;

  @Column({ name: 'window_start', type: 'timestamptz' })
  @Index('rate_limit_hit_window_idx')
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
