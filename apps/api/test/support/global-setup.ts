import { createMigratedDatabase, startTestServer } from './test-database';

/** One fresh database for the whole run; the tests find it in TEST_DATABASE_URL. */
export default async function globalSetup(): Promise<void> {
  const server = await startTestServer();
  const database = await createMigratedDatabase(server.url);
  process.env.TEST_SERVER_URL = server.url;
  process.env.TEST_DATABASE_URL = database.url;
  (globalThis as { __e2eTeardown?: () => Promise<void> }).__e2eTeardown = async () => {
    await database.drop();
    await server.stop();
  };
}
