// npm run migrate [-- --down]: creates the database if missing and migrates it to the latest (or empty) schema.
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { ensureDatabase, migrateDownAll, migrateToLatest } from '../db/migrate.js';

export async function prepareDatabase(url: string) {
  await ensureDatabase(url);
  const db = createDb(url, { max: 1 });
  try {
    return await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

if (process.argv[1]?.endsWith('migrate.ts')) {
  const url = loadConfig().DATABASE_URL;
  if (process.argv.includes('--down')) {
    const db = createDb(url, { max: 1 });
    const results = await migrateDownAll(db);
    await db.destroy();
    for (const r of results) console.log(`${r.direction} ${r.migrationName}: ${r.status}`);
  } else {
    for (const r of await prepareDatabase(url)) console.log(`${r.direction} ${r.migrationName}: ${r.status}`);
  }
}
