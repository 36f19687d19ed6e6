import { CamelCasePlugin, Kysely, type KyselyConfig, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

// bigint ids and counts fit in a JS number here; strings would leak into every API response.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<DB>;
export type Executor = Kysely<DB> | Transaction<DB>;

/** No connection could be had: Postgres refused, is away, is not accepting connections, or the wait timed out. */
export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`Postgres is unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DatabaseUnavailableError';
  }
}

export function createDb(connectionString: string, options: { max?: number; log?: KyselyConfig['log'] } = {}): Db {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // How long a query waits for a connection, new or free: long enough for a queue under load, short
    // enough that a request answers 503 instead of hanging while Postgres is away.
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
  });
  // Without these an idle connection's 57P01 (or a socket reset) is an unhandled 'error' event that ends the process.
  pool.on('error', (err) => console.error(`postgres: idle connection lost (${codeOf(err)}): ${err.message}`));
  // A checked-out client has no pool listener; its query or the next one fails instead, and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: {
        connect: () => pool.connect().catch((err: unknown) => Promise.reject(new DatabaseUnavailableError(err))),
        end: () => pool.end(),
      },
    }),
    // Rows leave db/ in camelCase; the keys inside jsonb columns (case payloads, event data) stay as stored.
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
    ...(options.log ? { log: options.log } : {}),
  });
}

const codeOf = (err: Error) => (err as { code?: string }).code ?? 'no code';
