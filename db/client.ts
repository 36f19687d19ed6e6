import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// bigint ids and counts fit in a JS number here; strings would leak into every API response.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}
