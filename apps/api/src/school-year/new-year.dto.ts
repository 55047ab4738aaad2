import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLASS_LETTER_PATTERN,
  NEW_YEAR_MAX_ERASURE_DAYS,
  type NewYearOptions,
  type NewYearRequest,
} from '@sferum/contracts';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';

export class NewYearOptionsDto implements NewYearOptions {
  @ApiProperty({ description: 'Archive the 9th grades too (their students leave after grade 9)' })
  @IsBoolean()
  archiveGrade9!: boolean;

  @ApiPropertyOptional({ default: 30, description: 'Days until the leavers’ personal data is erased' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(NEW_YEAR_MAX_ERASURE_DAYS)
  erasureDays?: number;

  @ApiPropertyOptional({
    example: ['А', 'Б'],
    description: 'Letters of the new first grades; default: those the first grades have now',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(CLASS_LETTER_PATTERN, { each: true, message: 'firstGradeLetters must be single Cyrillic capital letters' })
  firstGradeLetters?: string[];
}

export class NewYearDto extends NewYearOptionsDto implements NewYearRequest {
  @ApiProperty({
    example: '2027/2028',
    description: 'The year being started: the one after the school’s current year, as a confirmation',
  })
  @IsString()
  @Matches(/^\d{4}\/\d{4}$/, { message: 'toYear must look like 2027/2028' })
  toYear!: string;
}
