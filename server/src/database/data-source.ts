import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env.schema';
import { buildDataSourceOptions } from './database-options';

/**
 * The standalone DataSource the TypeORM CLI uses (`npm run db:migrate`); settings come from the
 * environment, exactly as the server reads them. The CLI wants this to be the file's only export.
 */
export default new DataSource(buildDataSourceOptions(loadConfig()));
