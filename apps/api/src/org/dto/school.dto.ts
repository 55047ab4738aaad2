import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MESSENGERS,
  type CreateSchoolRequest,
  type DistrictSummary,
  type Messenger,
  type SchoolSummary,
  type UpdateSchoolRequest,
} from '@sferum/contracts';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from '../../common/dto-transforms';

export class CreateSchoolDto implements CreateSchoolRequest {
  @ApiProperty({ example: 'Средняя школа № 7', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class UpdateSchoolDto implements UpdateSchoolRequest {
  @ApiPropertyOptional({ example: 'Средняя школа № 7 имени А. С. Пушкина', maxLength: 200, description: 'District admin only' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: MESSENGERS, description: 'VK Messenger or MAX: changes the parents’ instructions' })
  @IsOptional()
  @IsIn(MESSENGERS)
  messenger?: Messenger;
}

export class UpdateDistrictDto {
  @ApiProperty({ example: 'Управление образования г. Светлогорска', maxLength: 200 })
  @Trim()
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class DistrictSummaryDto implements DistrictSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class SchoolSummaryDto implements SchoolSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) districtId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MESSENGERS }) messenger!: Messenger;
  @ApiProperty({ description: 'Classes not archived' }) classCount!: number;
  @ApiProperty({ description: 'Active teacher accounts' }) teacherCount!: number;
}
