// Loading millions of rows is fastest into bare tables: keys, indexes and
// foreign keys are set aside before COPY and built again after it, as
// pg_restore does. Check constraints stay and check every row.
import pg from 'pg';

/** Drops the keys, indexes and foreign keys of the tables; returns what rebuilds them. */
export async function setAsideSchema(client, tables) {
  const { rows: foreignKeys } = await client.query(
    `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype = 'f'`,
  );
  const { rows: keys } = await client.query(
    `SELECT conrelid::regclass::text AS "table", conname AS name, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u') AND conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  const { rows: indexes } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  for (const fk of foreignKeys)
    await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${client.escapeIdentifier(fk.name)}`);
  for (const key of keys)
    await client.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${client.escapeIdentifier(key.name)}`);
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  return {
    keys: keys.map((key) => `ALTER TABLE ${key.table} ADD CONSTRAINT "${key.name}" ${key.definition}`),
    indexes: indexes.map((index) => index.definition),
    foreignKeys: foreignKeys.map((fk) => `ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.definition}`),
  };
}

/** Builds keys and indexes, then foreign keys (which need the keys), two at a time. */
export async function rebuildSchema(url, setAside) {
  await runAll(url, [...setAside.keys, ...setAside.indexes]);
  await runAll(url, setAside.foreignKeys);
}

async function runAll(url, statements, parallel = 2) {
  const queue = [...statements];
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`SET maintenance_work_mem = '1GB'`);
      for (let statement = queue.shift(); statement; statement = queue.shift()) await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
