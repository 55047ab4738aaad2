import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { createDatabase, dropDatabase, testDatabaseName, withDatabaseName } from '../src/database/database-admin';
import { withOwnDatabase } from './support/test-database';

/**
 * The entities mirror the schema the migrations build: on a freshly migrated
 * database TypeORM finds nothing to change, so `npm run migration:generate`
 * writes a migration only for a change somebody made on purpose.
 */
describe('schema drift', () => {
  it('migration:generate finds nothing to change on a freshly migrated database', async () => {
    await withOwnDatabase(async (dataSource) => {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      const statements = upQueries.map((query) => query.query);
      if (statements.length > 0) {
        throw new Error(
          `migration:generate would write ${statements.length} statement(s); make the entities match the migrations (or add a migration):\n` +
            statements.join(';\n'),
        );
      }
      expect(statements).toEqual([]);
    });
  });

  // TypeORM compares checks, and the conditions of partial indexes, by name
  // only: a database built from the entities alone shows whether their texts
  // say what the migrations say too.
  it('a database built from the entities alone has the very schema the migrations build', async () => {
    let fromMigrations: string[] = [];
    await withOwnDatabase(async (dataSource) => {
      fromMigrations = await schemaOf(dataSource);
    });
    let fromEntities: string[] = [];
    let unsynchronized: string[] = [];
    await withSynchronizedDatabase(async (dataSource) => {
      fromEntities = await schemaOf(dataSource);
      unsynchronized = dataSource.entityMetadatas.flatMap((entity) =>
        entity.indices.filter((index) => !index.synchronize).map((index) => `index ${entity.tableName}.${index.name}`),
      );
    });
    // Indexes TypeORM cannot state (on an expression) are the migrations' alone.
    const expected = fromMigrations.filter((line) => !unsynchronized.some((skipped) => line.startsWith(`${skipped}:`)));
    const missing = expected.filter((line) => !fromEntities.includes(line));
    const extra = fromEntities.filter((line) => !expected.includes(line));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(
        `The entities state another schema than the migrations.\nAs the migrations have it:\n  ${missing.join('\n  ')}\n` +
          `As the entities have it:\n  ${extra.join('\n  ')}`,
      );
    }
    expect(fromEntities).toEqual(expected);
    expect(unsynchronized).toEqual(['index chat.chat_subject_name_unique']);
  });
});

/** Every column, constraint and index of the public schema, as PostgreSQL itself writes them, one line each. */
async function schemaOf(dataSource: DataSource): Promise<string[]> {
  const rows = await dataSource.query<Array<{ kind: string; table: string; name: string; definition: string }>>(`
    SELECT 'column' AS kind, table_name AS "table", column_name AS name,
           concat_ws(' ', data_type, CASE WHEN is_nullable = 'NO' THEN 'NOT NULL' END, 'DEFAULT ' || column_default,
                     CASE WHEN is_identity = 'YES' THEN 'GENERATED ' || identity_generation || ' AS IDENTITY' END) AS definition
    FROM information_schema.columns WHERE table_schema = 'public'
    UNION ALL
    SELECT 'constraint', t.relname, c.conname, pg_get_constraintdef(c.oid)
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public'
    UNION ALL
    SELECT 'index', tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`);
  return rows
    .filter((row) => row.table !== 'migrations')
    .map((row) => `${row.kind} ${row.table}.${row.name}: ${row.definition}`)
    .sort();
}

/** An empty database of its own that TypeORM builds from the entities (`synchronize`), dropped afterwards. */
async function withSynchronizedDatabase(work: (dataSource: DataSource) => Promise<void>): Promise<void> {
  const serverUrl = process.env.TEST_SERVER_URL;
  if (!serverUrl) throw new Error('TEST_SERVER_URL is not set: run the end-to-end tests through jest.e2e.config.cjs');
  const name = testDatabaseName('sferum_entities');
  await createDatabase(serverUrl, name);
  const options = dataSourceOptions({ DATABASE_URL: withDatabaseName(serverUrl, name), DATABASE_POOL_SIZE: 2 });
  if (options.type !== 'postgres') throw new Error('The API runs on PostgreSQL');
  // The migrations' ids default to gen_random_uuid() (built in since PostgreSQL 13); TypeORM
  // writes that default for a generated uuid when told its extension is pgcrypto.
  const dataSource = new DataSource({ ...options, uuidExtension: 'pgcrypto' });
  try {
    await dataSource.initialize();
    await dataSource.synchronize();
    await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await dropDatabase(serverUrl, name);
  }
}
