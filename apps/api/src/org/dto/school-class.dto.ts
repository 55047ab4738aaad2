import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLASS_LETTER_PATTERN,
  MAX_GRADE,
  MIN_GRADE,
  type CreateClassRequest,
  type SetClassTeachersRequest,
  type SetParentInfoRequest,
  type UpdateClassRequest,
  PARENT_CONTACT_MAX_LENGTH,
} from '@sferum/contracts';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { Trim } from '../../common/dto-transforms';

const ACADEMIC_YEAR = /^(\d{4})\/(\d{4})$/;
const upperLetter = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim().toLocaleUpperCase('ru-RU') : value;

const Letter = (): PropertyDecorator => (target, key) => {
  Transform(upperLetter)(target, key);
  IsString()(target, key);
  Matches(CLASS_LETTER_PATTERN, { message: 'letter must be one Cyrillic letter, such as А' })(target, key);
};

const AcademicYear = (): PropertyDecorator =>
  ValidateBy({
    name: 'isAcademicYear',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isConsecutiveAcademicYear(value),
      defaultMessage: () => '$property must be two consecutive years such as 2026/2027',
    },
  });

const Grade = (): PropertyDecorator => (target, key) => {
  IsInt()(target, key);
  Min(MIN_GRADE)(target, key);
  Max(MAX_GRADE)(target, key);
};

/** "2026/2027" is valid only when the second year follows the first. */
export function isConsecutiveAcademicYear(value: string): boolean {
  const match = ACADEMIC_YEAR.exec(value);
  return match !== null && Number(match[2]) === Number(match[1]) + 1;
}

export class CreateClassDto implements CreateClassRequest {
  @IsUUID()
  schoolId!: string;

  @ApiProperty({ example: 5 })
  @Grade()
  grade!: number;

  @ApiProperty({ example: 'А', description: 'One Cyrillic letter' })
  @Letter()
  letter!: string;

  @ApiPropertyOptional({ example: '2026/2027', description: 'Defaults to the current academic year' })
  @IsOptional()
  @AcademicYear()
  academicYear?: string;
}

export class UpdateClassDto implements UpdateClassRequest {
  @IsOptional()
  @Grade()
  grade?: number;

  @ApiPropertyOptional({ example: 'Б' })
  @IsOptional()
  @Letter()
  letter?: string;

  @ApiPropertyOptional({ example: '2026/2027' })
  @IsOptional()
  @AcademicYear()
  academicYear?: string;

  @ApiPropertyOptional({ description: 'Archive (true) or bring back (false)' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

export class SetClassTeachersDto implements SetClassTeachersRequest {
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  teacherIds!: string[];
}

export class ListClassesQueryDto {
  @IsOptional()
  @IsUUID()
  schoolId?: string;

  @ApiPropertyOptional({ description: 'Include archived classes' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeArchived?: 'true' | 'false';
}

export class SetParentInfoDto implements SetParentInfoRequest {
  @ApiProperty({
    nullable: true,
    example: 'Елена Игоревна Смирнова, каб. 21, по будням 15:00–17:00, через электронный дневник',
    description: 'How parents reach the class teacher; null or empty clears it',
  })
  @ValidateIf((_, value) => value !== null)
  @Trim()
  @IsString()
  @MaxLength(PARENT_CONTACT_MAX_LENGTH)
  parentContact!: string | null;

  @ApiProperty({ format: 'date', nullable: true, example: '2026-12-20', description: 'YYYY-MM-DD; null clears it' })
  @ValidateIf((_, value) => value !== null)
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be a date YYYY-MM-DD' })
  deadline!: string | null;
}
