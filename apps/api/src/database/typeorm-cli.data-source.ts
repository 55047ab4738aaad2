import { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** Used only by the TypeORM CLI (`npm run migration:generate`, `migration:run`, `migration:revert`). */
export default new DataSource(dataSourceOptions(loadDatabaseConfig()));
