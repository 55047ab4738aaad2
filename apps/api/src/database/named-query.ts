import type { EntityManager } from 'typeorm';

export type QueryParameters = Record<string, unknown>;

/** A SQL condition with its named (`:name`) parameters, to be joined into a query. */
export interface SqlCondition {
  sql: string;
  parameters: QueryParameters;
}

/**
 * Runs raw SQL with `:name` parameters (TypeORM turns them into `$n`), so
 * that scope conditions from the access policy compose with any query.
 */
export async function namedQuery<Row>(
  manager: EntityManager,
  sql: string,
  parameters: QueryParameters = {},
): Promise<Row[]> {
  const [query, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  return await manager.query<Row[]>(query, values);
}
