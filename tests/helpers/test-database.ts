// A migrated database of its own for one db test file: tests that add triggers or race each other
// must not share the run's database with other files.
import { afterAll, beforeAll } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { dropDatabase, freshDatabase } from '../../scripts/throwaway-databases.js';
import { createDb, type Db } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';

/** Registers the hooks that create and drop it; the returned function gives the open client. */
export function throwawayDatabase(name: string, options: { max?: number } = {}): () => Db {
  let url: string | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    url = await freshDatabase(loadConfig().DATABASE_URL, `kundportal_${name}_${process.pid}`);
    db = createDb(url, options);
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.destroy();
    if (url) await dropDatabase(url);
  });
  return () => {
    if (!db) throw new Error('The throwaway database is not open yet');
    return db;
  };
}
