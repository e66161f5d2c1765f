import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/env.schema';
import { buildDataSourceOptions } from './database-options';

/** The standalone DataSource the TypeORM CLI uses (`npm run db:migrate`); settings come from the environment. */
export const dataSource = new DataSource(buildDataSourceOptions(loadConfig()));
export default dataSource;
