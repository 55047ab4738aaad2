import type { DataSourceOptions } from 'typeorm';
import {
  DEFAULT_LOCK_TIMEOUT_MS,
  DEFAULT_POOL_TIMEOUT_MS,
  DEFAULT_STATEMENT_TIMEOUT_MS,
  type DatabaseConfig,
} from '../config/app-config';
import { ENTITIES } from './entities';
import { FailFastClient } from './fail-fast-client';
import { MIGRATIONS } from './migrations';

type Timeouts = 'DATABASE_POOL_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_LOCK_TIMEOUT_MS';

/** The one data source definition, shared by the app, the CLI scripts and the tests. */
export function dataSourceOptions(
  config: Pick<DatabaseConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'> &
    Partial<Pick<DatabaseConfig, Timeouts | 'DATABASE_REPLICA_URL'>>,
): DataSourceOptions {
  return {
    type: 'postgres',
    // With a replica, only the `slave` query runners of database/read-replica.ts read there. TypeORM's own
    // default would send every query builder's and repository's SELECT to the replica (the access policy's
    // scope checks among them): stale, and with the replica down nothing at all would work.
    ...(config.DATABASE_REPLICA_URL
      ? {
          replication: {
            master: { url: config.DATABASE_URL },
            slaves: [{ url: config.DATABASE_REPLICA_URL }],
            defaultMode: 'master' as const,
          },
        }
      : { url: config.DATABASE_URL }),
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
      // Sent in every connection's start-up packet; FailFastClient derives its own wait for an answer from it.
      statement_timeout: config.DATABASE_STATEMENT_TIMEOUT_MS ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      lock_timeout: config.DATABASE_LOCK_TIMEOUT_MS ?? DEFAULT_LOCK_TIMEOUT_MS,
      Client: FailFastClient,
    },
  };
}
