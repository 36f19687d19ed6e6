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

/** An organisation, a customer who reports cases in it and a handler: what a case's rows refer to. */
export async function seedCasePeople(db: Db): Promise<{ organisationId: number; reporterId: number; staffId: number }> {
  const organisationId = (await db.insertInto('organisations').values({ organisationsnummer: '5560160680', name: 'Region Exempel' }).returning('id').executeTakeFirstOrThrow()).id;
  const reporterId = (
    await db
      .insertInto('customer_accounts')
      .values({ organisationId, personnummerEnc: 'sealed', personnummerHash: 'hash', name: 'Åsa Öberg', email: 'asa@exempel.se' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const staffId = (await db.insertInto('staff').values({ name: 'Hanna Handläggare', email: 'hanna@kundportal.local', role: 'handler' }).returning('id').executeTakeFirstOrThrow()).id;
  return { organisationId, reporterId, staffId };
}
