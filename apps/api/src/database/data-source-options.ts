import type { DataSourceOptions } from 'typeorm';
import { DEFAULT_POOL_TIMEOUT_MS, type AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one data source definition, shared by the app, the CLI scripts and the tests. */
export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'> & Partial<Pick<AppConfig, 'DATABASE_POOL_TIMEOUT_MS'>>,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    applicationName: 'sferum-onboarding-api',
    extra: {
      max: config.DATABASE_POOL_SIZE,
      // Bounds both the wait for a free connection of a busy pool and the opening of a new one.
      connectionTimeoutMillis: config.DATABASE_POOL_TIMEOUT_MS ?? DEFAULT_POOL_TIMEOUT_MS,
      idleTimeoutMillis: 30_000,
    },
  };
}
