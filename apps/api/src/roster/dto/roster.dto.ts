import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISPLAY_NAME_MAX_LENGTH,
  MAX_PARENTS_PER_STUDENT,
  type AddParentRequest,
  type CreateStudentRequest,
  type CreateSubjectChatRequest,
  type FamilyMatchRequest,
  type SetChatInviteRequest,
  type MoveStudentRequest,
  type NewParent,
  type UpdatePersonRequest,
  type VersionedRequest,
} from '@sferum/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../common/dto-transforms';

const DisplayName = (): PropertyDecorator => (target, key) => {
  Trim()(target, key);
  IsString()(target, key);
  Length(1, DISPLAY_NAME_MAX_LENGTH)(target, key);
};

/** Only shape here; whether it is a phone number is decided by normalizePhone. */
const Phone = (): PropertyDecorator => (target, key) => {
  IsString()(target, key);
  MaxLength(30)(target, key);
};

const Version = (): PropertyDecorator => (target, key) => {
  ApiProperty({ description: 'The version the client saw; a stale one gets 409' })(target, key);
  IsInt()(target, key);
  Min(1)(target, key);
};

export class NewParentDto implements NewParent {
  @ApiProperty({ example: 'Иванова Мария Петровна' })
  @DisplayName()
  displayName!: string;

  @ApiPropertyOptional({ example: '+7 912 345-67-89', description: 'Only a keyed hash is kept' })
  @IsOptional()
  @Phone()
  phone?: string;
}

export class CreateStudentDto implements CreateStudentRequest {
  @ApiProperty({ example: 'Иванов Пётр' })
  @DisplayName()
  displayName!: string;

  @ApiPropertyOptional({ example: '+7 912 345-67-89' })
  @IsOptional()
  @Phone()
  phone?: string;

  @ApiPropertyOptional({ description: 'A family of the school, for a sibling' })
  @IsOptional()
  @IsUUID()
  familyId?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PARENTS_PER_STUDENT)
  @ValidateNested({ each: true })
  @Type(() => NewParentDto)
  parents?: NewParentDto[];

  @ApiPropertyOptional({
    description:
      'A parent given who is already a parent of the school (same name and phone) brings the student into that family',
  })
  @IsOptional()
  @IsBoolean()
  joinFamilyOfParent?: boolean;
}

export class FamilyMatchDto implements FamilyMatchRequest {
  @IsArray()
  @ArrayMaxSize(MAX_PARENTS_PER_STUDENT)
  @ValidateNested({ each: true })
  @Type(() => NewParentDto)
  parents!: NewParentDto[];
}

export class AddParentDto extends NewParentDto implements AddParentRequest {}

export class UpdatePersonDto implements UpdatePersonRequest {
  @Version()
  version!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @DisplayName()
  displayName?: string;

  @ApiPropertyOptional({ nullable: true, description: 'null forgets the number' })
  @ValidateIf((_object, value) => value !== null && value !== undefined)
  @Phone()
  phone?: string | null;
}

export class MoveStudentDto implements MoveStudentRequest {
  @Version()
  version!: number;

  @IsUUID()
  classId!: string;
}

export class VersionDto implements VersionedRequest {
  @Version()
  version!: number;
}

export class SetChatInviteDto implements SetChatInviteRequest {
  @ApiProperty({
    nullable: true,
    example: 'https://max.ru/join/DQJsHDoQ0rxT-gDAfz7WkXgN426ROLxWf',
    description:
      'The chat’s invitation link, copied from MAX or Sferum: https, on a host of the school’s path; null or empty removes it',
  })
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  url!: string | null;
}

export class CreateSubjectChatDto implements CreateSubjectChatRequest {
  @ApiProperty({ example: 'Математика' })
  @Trim()
  @IsString()
  @Length(1, 100)
  name!: string;
}
