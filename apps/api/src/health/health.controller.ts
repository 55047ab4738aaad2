import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthResponseSchema, ROUTES, type HealthResponse, type ReplicaStatus } from '@sferum/contracts';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { AppConfig } from '../config/app-config';
import { Responds } from '../common/contract/responds.decorator';
import { replicaAnswers } from '../database/read-replica';

const PING_TIMEOUT_MS = 2_000;

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  @Get(ROUTES.health)
  @Responds(HealthResponseSchema, {
    description: "The API and its database are up (`replica`: the reports' read replica, if one is configured).",
    alsoOn: { status: HttpStatus.SERVICE_UNAVAILABLE, description: 'The database does not answer.' },
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    let databaseUp = true;
    try {
      await this.health.check([() => this.database.pingCheck('database', { timeout: PING_TIMEOUT_MS })]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) {
        throw error;
      }
      databaseUp = false;
    }
    const replica = await this.replicaStatus();
    response.status(databaseUp ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    response.setHeader('Cache-Control', 'no-store');
    return {
      status: databaseUp ? 'ok' : 'error',
      database: databaseUp ? 'up' : 'down',
      replica,
      version: this.config.APP_VERSION ?? 'dev',
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
    };
  }

  private async replicaStatus(): Promise<ReplicaStatus> {
    if (!this.config.DATABASE_REPLICA_URL) return 'none';
    return (await replicaAnswers(this.dataSource, PING_TIMEOUT_MS)) ? 'up' : 'down';
  }
}
