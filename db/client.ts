import { CamelCasePlugin, Kysely, type KyselyConfig, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// bigint ids and counts fit in a JS number here; strings would leak into every API response.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;

export function createDb(connectionString: string, options: { max?: number; log?: KyselyConfig['log'] } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    // Rows leave db/ in camelCase; the keys inside jsonb columns (case payloads, event data) stay as stored.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    ...(options.log ? { log: options.log } : {}),
  });
}
