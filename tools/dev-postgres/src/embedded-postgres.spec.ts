import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { embeddedPostgresMajor, EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

describe('embedded PostgreSQL', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'sferum-embedded-spec-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is PostgreSQL 15, the major version of the pg_dump that backups use', () => {
    expect(embeddedPostgresMajor()).toBe(15);
  });

  it('says which version made a data folder of another major version, instead of crashing on it', async () => {
    writeFileSync(join(dataDir, 'PG_VERSION'), '18\n');
    const start = startEmbeddedPostgres({ dataDir });
    await expect(start).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(start).rejects.toThrow(
      /created by PostgreSQL 18, but the embedded server is PostgreSQL 15.*delete the folder/,
    );
  });

  it('initialises a UTF-8 cluster whose lower() knows Cyrillic, as unique subject chat names need', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    const client = new Client({ connectionString: server.url });
    try {
      await client.connect();
      const result = await client.query<{ version: string; lowered: string; encoding: string }>(
        `SELECT current_setting('server_version_num') AS version, lower('МАТЕМАТИКА Ёж') AS lowered,
                pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()`,
      );
      expect(result.rows[0]).toEqual({
        version: expect.stringMatching(/^15\d{4}$/),
        lowered: 'математика ёж',
        encoding: 'UTF8',
      });
    } finally {
      await client.end();
      await server.stop();
    }
  }, 30_000);
});
