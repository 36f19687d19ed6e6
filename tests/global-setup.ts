// One Temporal dev server and one freshly migrated Postgres database for the whole test run.
import type { TestProject } from 'vitest/node';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { startDevServer } from '../scripts/temporal-dev-server.js';
import { ensureTemporalCli } from '../scripts/temporal-cli.js';
import { loadConfig } from '../config/index.js';
import { dropDatabase, freshDatabase } from '../scripts/throwaway-databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startDevServer({ cli: ensureTemporalCli() });
  const databaseUrl = await freshDatabase(loadConfig().DATABASE_URL, `kundportal_test_${process.pid}`);
  const db = createDb(databaseUrl);
  await migrateToLatest(db);
  await db.destroy();

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', server.address);
  return async () => {
    await server.stop();
    await dropDatabase(databaseUrl);
  };
}
