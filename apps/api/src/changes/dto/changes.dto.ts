import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MarkClassSeenRequest } from '@sferum/contracts';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';

export class MarkClassSeenDto implements MarkClassSeenRequest {
  @ApiProperty({
    description:
      'The `asOf` of the summary the page has shown: what happened after it stays new. A time after now counts as now.',
    example: '2026-12-02T18:30:00.000Z',
  })
  @IsISO8601({ strict: true, strictSeparator: true })
  seenAt!: string;
}

export class ClassOverviewQueryDto {
  @ApiPropertyOptional({ description: 'Only the classes of this school' })
  @IsOptional()
  @IsUUID()
  schoolId?: string;
}
