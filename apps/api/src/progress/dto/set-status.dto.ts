import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BLOCKER_NOTE_MAX_LENGTH,
  CATALOGUE_ID_PATTERN,
  CHAT_STATUSES,
  OPT_OUT_CHANNELS,
  OPT_OUT_NOTE_MAX_LENGTH,
  STEP_STATUSES,
  type BlockerReason,
  type BulkProgressRequest,
  type FamilyOptOutRequest,
  type MemberListCommitRequest,
  type MemberListRequest,
  type OptOutChannel,
  type OptOutRequest,
  type ParentStatusRequest,
  type ChatStatus,
  type SetOptOutRequest,
  type SeenState,
  type SetStatusRequest,
  type StepId,
  type StepStatus,
} from '@sferum/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../common/dto-transforms';

const ALL_STATUSES = [...new Set([...STEP_STATUSES, ...CHAT_STATUSES])];

/**
 * A status with its blocker: the reason is required exactly when the status is
 * `blocked`. Parents send just this: confirming is idempotent, so no version.
 */
export class StatusDto {
  @ApiProperty({ description: 'Steps: not_started | done | blocked. Chats: not_joined | joined | blocked.' })
  @IsIn(ALL_STATUSES)
  status!: StepStatus | ChatStatus;

  @ApiPropertyOptional({
    description:
      'Required when the status is blocked: one of the reasons the step (or the chats) offers on the school’s path',
  })
  @IsOptional()
  @IsString()
  @Matches(CATALOGUE_ID_PATTERN, { message: 'blockerReason must be a reason id of the school’s path' })
  blockerReason?: BlockerReason;

  @ApiPropertyOptional({ description: 'A short note, with a blocker' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(BLOCKER_NOTE_MAX_LENGTH)
  blockerNote?: string;
}

export class SeenDto implements SeenState {
  @ApiProperty({ description: 'The status the page showed' })
  @IsIn(ALL_STATUSES)
  status!: StepStatus | ChatStatus;

  @ApiProperty({ nullable: true, description: 'When the item had last changed, as the page showed it' })
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  updatedAt!: string | null;
}

/** The parent's change, with what their page showed (left out by the "confirm anyway" button). */
export class ParentStatusDto extends StatusDto implements ParentStatusRequest {
  @ApiPropertyOptional({
    description: 'What the page showed: a change by the school since then answers 409 changed_by_school',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SeenDto)
  seen?: SeenDto;
}

export class SetStatusDto extends StatusDto implements SetStatusRequest {
  @ApiProperty({ description: 'The version the client saw; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class VersionedPersonDto {
  @IsUUID()
  personId!: string;

  @IsInt()
  @Min(1)
  version!: number;
}

export class BulkProgressDto extends StatusDto implements BulkProgressRequest {
  @ApiPropertyOptional({ description: 'A step of the school’s path' })
  @IsOptional()
  @IsString()
  @Matches(CATALOGUE_ID_PATTERN, { message: 'step must be a step id of the school’s path' })
  step?: StepId;

  @IsOptional()
  @IsUUID()
  chatId?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => VersionedPersonDto)
  people!: VersionedPersonDto[];
}

/**
 * "Does not use Sferum/MAX", with the channel the school uses instead, or back.
 * Parents send just this: repeating it changes nothing.
 */
export class OptOutDto implements OptOutRequest {
  @ApiProperty({ description: 'true: the person does not use Sferum/MAX; false: they do again' })
  @IsBoolean()
  optedOut!: boolean;

  @ApiPropertyOptional({ description: 'Required when opting out: how the school keeps them informed instead' })
  @IsOptional()
  @IsIn(OPT_OUT_CHANNELS)
  channel?: OptOutChannel;

  @ApiPropertyOptional({ description: 'Required with channel other' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(OPT_OUT_NOTE_MAX_LENGTH)
  note?: string;
}

export class SetOptOutDto extends OptOutDto implements SetOptOutRequest {
  @ApiProperty({ description: 'The version the client saw; a stale one gets 409' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class FamilyOptOutDto extends OptOutDto implements FamilyOptOutRequest {
  @ApiProperty({ description: 'Every person of the family, with the version seen' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => VersionedPersonDto)
  people!: VersionedPersonDto[];
}

export class MemberListDto implements MemberListRequest {
  @ApiProperty({ description: 'The member list as copied from MAX or Sferum: one member per line, or a copied table' })
  @IsString()
  @MaxLength(200_000)
  text!: string;
}

export class MemberListCommitDto implements MemberListCommitRequest {
  @ApiProperty({ description: 'The people to mark as joined: from the preview’s matches and the teacher’s choices' })
  @IsArray()
  @ArrayMaxSize(2000)
  @IsUUID('all', { each: true })
  personIds!: string[];
}
