import { withOwnDatabase } from './support/test-database';

/**
 * The entities mirror the schema the migrations build: on a freshly migrated
 * database TypeORM finds nothing to change, so `npm run migration:generate`
 * writes a migration only for a change somebody made on purpose.
 */
describe('schema drift', () => {
  it('the entities describe exactly the schema of the migrations', async () => {
    await withOwnDatabase(async (dataSource) => {
      const { upQueries } = await dataSource.driver.createSchemaBuilder().log();
      const statements = upQueries.map((query) => query.query);
      if (statements.length > 0) {
        throw new Error(
          `migration:generate would write ${statements.length} statement(s): make the entities match the migrations (or add a migration):\n` +
            statements.join(';\n'),
        );
      }
      expect(statements).toEqual([]);
    });
  });
});
