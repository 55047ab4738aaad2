import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CATALOGUE_ID_PATTERN,
  STEP_NOTE_MAX_LENGTH,
  type CreateSchoolRequest,
  type SetStepNotesRequest,
  type SwitchPathRequest,
  type UpdateSchoolRequest,
} from '@sferum/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Trim } from '../../common/dto-transforms';

export class CreateSchoolDto implements CreateSchoolRequest {
  @ApiProperty({ example: 'Средняя школа № 7' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class UpdateSchoolDto implements UpdateSchoolRequest {
  @ApiPropertyOptional({ example: 'Средняя школа № 7 имени А. С. Пушкина', description: 'District admin only' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;
}

export class SwitchPathDto implements SwitchPathRequest {
  @ApiProperty({ example: 'max', description: 'An onboarding path of the catalogue: max (default) or vk (legacy)' })
  @IsString()
  @Matches(CATALOGUE_ID_PATTERN, { message: 'pathId must be the id of an onboarding path' })
  pathId!: string;
}

export class StepNoteDto {
  @ApiProperty({ example: 'school_profile', description: 'A step of the school’s current path' })
  @IsString()
  @Matches(CATALOGUE_ID_PATTERN, { message: 'step must be a step id of the school’s path' })
  step!: string;

  @ApiProperty({
    example: 'Роль подтверждает администратор Сферума Ирина Петровна, каб. 12',
    description: 'Empty removes the note',
  })
  @Trim()
  @IsString()
  @MaxLength(STEP_NOTE_MAX_LENGTH)
  note!: string;
}

export class SetStepNotesDto implements SetStepNotesRequest {
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StepNoteDto)
  notes!: StepNoteDto[];
}

export class UpdateDistrictDto {
  @ApiProperty({ example: 'Управление образования г. Светлогорска' })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;
}
