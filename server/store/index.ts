import path from 'node:path';
import type { Config } from '../env';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

/** The configured store: PostgreSQL when `DATABASE_URL` is set (migrated on open), else SQLite in `DATA_DIR`. */
export async function openStore(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(path.join(config.dataDir, 'concord.db'));
}
