import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BLOCKER_NOTE_MAX_LENGTH,
  BLOCKER_REASONS,
  CHAT_STATUSES,
  STEP_IDS,
  STEP_STATUSES,
  type BlockerReason,
  type BulkProgressRequest,
  type ParentStatusRequest,
  type ChatStatus,
  type SetStatusRequest,
  type StepId,
  type StepStatus,
} from '@sferum/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../common/dto-transforms';

const ALL_STATUSES = [...new Set([...STEP_STATUSES, ...CHAT_STATUSES])];

/**
 * A status with its blocker: the reason is required exactly when the status is
 * `blocked`. Parents send just this: confirming is idempotent, so no version.
 */
export class StatusDto implements ParentStatusRequest {
  @ApiProperty({ enum: ALL_STATUSES, description: 'Steps: not_started | done | blocked. Chats: not_joined | joined | blocked.' })
  @IsIn(ALL_STATUSES)
  status!: StepStatus | ChatStatus;

  @ApiPropertyOptional({ enum: BLOCKER_REASONS, description: 'Required when the status is blocked' })
  @IsOptional()
  @IsIn(BLOCKER_REASONS)
  blockerReason?: BlockerReason;

  @ApiPropertyOptional({ maxLength: BLOCKER_NOTE_MAX_LENGTH, description: 'A short note, with a blocker' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(BLOCKER_NOTE_MAX_LENGTH)
  blockerNote?: string;
}

export class SetStatusDto extends StatusDto implements SetStatusRequest {
  @ApiProperty({ minimum: 1, description: 'The version the client saw; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class VersionedPersonDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  personId!: string;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version!: number;
}

export class BulkProgressDto extends StatusDto implements BulkProgressRequest {
  @ApiPropertyOptional({ enum: STEP_IDS })
  @IsOptional()
  @IsIn(STEP_IDS)
  step?: StepId;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  chatId?: string;

  @ApiProperty({ type: [VersionedPersonDto], minItems: 1, maxItems: 200 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => VersionedPersonDto)
  people!: VersionedPersonDto[];
}
