import { type Kysely, type MigrationProvider, Migrator, NO_MIGRATIONS } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

async function run(db: Kysely<any>, direction: 'latest' | 'none') {
  // Without the app's CamelCasePlugin: migrations name columns exactly as Postgres stores them.
  const migrator = new Migrator({ db: db.withoutPlugins(), provider });
  const { error, results } =
    direction === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(NO_MIGRATIONS);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

export const migrateToLatest = (db: Kysely<any>) => run(db, 'latest');
export const migrateDownAll = (db: Kysely<any>) => run(db, 'none');

/** Creates the database named in the URL when it does not exist (development convenience). */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
