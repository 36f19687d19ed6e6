// The whole system for a benchmark, as `npm start` and production run it: a Temporal dev server, a
// throwaway database, an SMTP catcher, and the API, the case worker and the e-mail worker (at lower CPU
// priority, WORKER_QUEUES=email) as their own processes. Shared by npm run bench and the bench:*
// scripts; everything started goes on the caller's cleanup stack.
import { randomUUID } from 'node:crypto';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { connectTemporal } from '../temporal/client.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import type { BusinessCalendarConfig } from '../workflows/business-hours.js';
import type { Cleanups } from './bench-lib.js';
import { startMailCatcher } from './mail-catcher.js';
import { startProcess, stopProcess } from './processes.js';
import { ensureTemporalCli } from './temporal-cli.js';
import { dropDatabase, freshDatabase } from './throwaway-databases.js';
import { freePort, startDevServer } from './temporal-dev-server.js';

/** E-mails leave at once, so their work falls inside the measurement instead of after it. */
const ALWAYS_OPEN: BusinessCalendarConfig = {
  open: '00:00:00',
  close: '23:59:59',
  days: [1, 2, 3, 4, 5, 6, 7],
  closedDates: [],
  observeHolidays: false,
};

/** env: settings over the defaults below for the worker and the API (bench:burst: its SMTP server, the e-mail rate). */
export async function startBenchSystem(cleanups: Cleanups, o: { databaseName: string; pool: number; env?: Record<string, string> }) {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const config = loadConfig();

  const server = await startDevServer({ cli: ensureTemporalCli() });
  cleanups.push(['Temporal dev server', () => server.stop()]);
  const databaseUrl = await freshDatabase(config.DATABASE_URL, o.databaseName);
  cleanups.push(['bench database', () => dropDatabase(databaseUrl)]);
  const db = createDb(databaseUrl, { max: o.pool });
  cleanups.push(['pg pool', () => db.destroy()]);
  await migrateToLatest(db);
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  cleanups.push(['mail catcher', () => mail.close()]);
  const dataConverter = caseDataConverter(config.TEMPORAL_PAYLOAD_KEY); // encrypted payloads, as in production
  const temporal = await connectTemporal(server.address, 'default', dataConverter);
  cleanups.push(['Temporal client', () => temporal.connection.close()]);

  const apiPort = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID()}`,
    API_PORT: String(apiPort),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    BUSINESS_OPEN: ALWAYS_OPEN.open,
    BUSINESS_CLOSE: ALWAYS_OPEN.close,
    BUSINESS_DAYS: ALWAYS_OPEN.days.join(','),
    BUSINESS_OBSERVE_HOLIDAYS: 'false',
    // One customer token submits every case: the per-customer limit would measure itself.
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: String(1_000_000),
    // Likewise the relay's rate cap (EMAIL_MAX_PER_SECOND): a bench of the system's own speed would
    // measure the cap; bench:burst, which measures the cap, sets its own.
    EMAIL_MAX_PER_SECOND: String(1_000_000),
    ...o.env,
  };
  const pids: Record<string, number | undefined> = {};
  for (const [name, file, ready, extra] of [
    ['worker', 'worker/main.ts', 'worker: polling task queue', { WORKER_QUEUES: 'cases' }],
    ['e-mail worker', 'worker/main.ts', 'worker: polling e-mail task queue', { WORKER_QUEUES: 'email', WORKER_HEALTH_PORT: '0' }], // one health port is enough here
    ['API', 'api/main.ts', 'api: listening', {}],
  ] as const) {
    const child = await startProcess(file, { ...env, ...extra }, ready);
    pids[name] = child.pid;
    cleanups.push([`${name} process`, () => stopProcess(child)]);
  }
  return {
    config,
    server,
    databaseUrl,
    db,
    mail,
    dataConverter,
    temporal,
    baseUrl: `http://127.0.0.1:${apiPort}`,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    /** The case worker's process (WORKER_QUEUES=cases), which serves the handlers' actions. */
    workerPid: pids.worker,
    /** The e-mail worker's process (WORKER_QUEUES=email). */
    emailWorkerPid: pids['e-mail worker'],
  };
}
