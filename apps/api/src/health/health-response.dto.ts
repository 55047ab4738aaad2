import { ApiProperty } from '@nestjs/swagger';
import type { ComponentStatus, HealthResponse } from '@sferum/contracts';

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'error'], example: 'ok' })
  status!: 'ok' | 'error';

  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  database!: ComponentStatus;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ example: 42 })
  uptimeSeconds!: number;
}
