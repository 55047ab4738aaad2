import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { createDatabase, dropDatabase, testDatabaseName, withDatabaseName } from '../../src/database/database-admin';
// Jest's globalSetup resolves modules without the config's moduleNameMapper, so not through @sferum/dev-postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../../../tools/dev-postgres/src/embedded-postgres';
import { runPendingMigrations } from '../../src/database/migrate';

export interface TestServer {
  /** The server's maintenance database, for creating and dropping test databases. */
  url: string;
  stop(): Promise<void>;
}

/** The PostgreSQL server from DATABASE_URL when set; otherwise an embedded one in a temporary folder. */
export async function startTestServer(): Promise<TestServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    return { url: configured, stop: () => Promise.resolve() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'sferum-test-pg-'));
  const server = await startEmbeddedPostgres({ dataDir });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A new, migrated database of its own; `drop()` removes it. */
export async function createMigratedDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = testDatabaseName();
  await createDatabase(serverUrl, name);
  const url = withDatabaseName(serverUrl, name);
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }));
  await dataSource.initialize();
  try {
    await runPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return { url, drop: () => dropDatabase(serverUrl, name) };
}

/** Runs `work` on a database of its own, migrated, and drops it afterwards. */
export async function withOwnDatabase(work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const serverUrl = process.env.TEST_SERVER_URL;
  if (!serverUrl) throw new Error('TEST_SERVER_URL is not set: run the end-to-end tests through jest.e2e.config.cjs');
  const database = await createMigratedDatabase(serverUrl);
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 }));
  await dataSource.initialize();
  try {
    await work(dataSource);
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

/**
 * The test database as the API's data source, with a pool of one (every
 * statement on the same connection unless it was dropped) and the API's
 * limits made short: 500 ms on the server, 400 ms for a lock, 1.5 s in the
 * client for a server that does not answer.
 */
export async function onePooledConnection(): Promise<DataSource> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the end-to-end tests through jest.e2e.config.cjs');
  const dataSource = new DataSource(
    dataSourceOptions({
      DATABASE_URL: url,
      DATABASE_POOL_SIZE: 1,
      DATABASE_STATEMENT_TIMEOUT_MS: 500,
      DATABASE_LOCK_TIMEOUT_MS: 400,
    }),
  );
  return dataSource.initialize();
}
