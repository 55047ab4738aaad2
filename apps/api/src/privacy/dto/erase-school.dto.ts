import { ApiProperty } from '@nestjs/swagger';
import type { EraseSchoolRequest } from '@sferum/contracts';
import { IsString, Length } from 'class-validator';
import { Trim } from '../../common/dto-transforms';

export class EraseSchoolDto implements EraseSchoolRequest {
  @ApiProperty({ example: 'Средняя школа № 7', description: 'The school’s name, as a confirmation' })
  @Trim()
  @IsString()
  @Length(1, 200)
  schoolName!: string;
}
