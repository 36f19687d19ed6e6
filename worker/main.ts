// The worker process: case workflows, their activities and the start reconciler.
import { NativeConnection } from '@temporalio/worker';
import { createTransport } from '../activities/email/transport.js';
import { loadServiceConfig } from '../config/index.js';
import { connectTemporal } from '../temporal/client.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { createDb } from '../db/client.js';
import { createCaseWorker, prebuiltWorkflowBundle } from './create-worker.js';
import { serveWorkerHealth } from './health.js';
import { startReconciler } from './reconciler.js';
import { startServiceLevelRollout } from './service-level-rollout.js';

const config = loadServiceConfig(); // refuses development secrets in production
const address = config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const db = createDb(config.DATABASE_URL);
const connection = await NativeConnection.connect({ address });
const dataConverter = caseDataConverter(config.TEMPORAL_PAYLOAD_KEY);
const client = await connectTemporal(address, config.TEMPORAL_NAMESPACE, dataConverter);
const settings = { taskQueue: config.TEMPORAL_TASK_QUEUE, calendar: config.businessCalendar };

// Built by `tsx scripts/bundle-workflows.ts`; without a current one the worker bundles here (seconds).
const prebuilt = prebuiltWorkflowBundle();
if ('stale' in prebuilt) console.log(`worker: ${prebuilt.stale}; bundling the workflows at start`);

const worker = await createCaseWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  dataConverter,
  ...('bundle' in prebuilt ? { workflowBundle: prebuilt.bundle } : {}),
  maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  maxCachedMailboxes: config.WORKER_MAX_CACHED_MAILBOXES,
  emailMaxPerSecond: config.EMAIL_MAX_PER_SECOND,
  recipientHashKey: config.PNR_HASH_KEY,
  deps: { db, transport: createTransport(config), from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL, contactLinks: config.contactForm },
});
const stopReconciler = startReconciler(db, client, settings, {
  intervalMs: config.RECONCILE_INTERVAL_MS,
  graceMs: config.RECONCILE_AFTER_MS,
  log: (m) => console.log(m),
});

const stopRollout = startServiceLevelRollout(db, client, { intervalMs: config.RECONCILE_INTERVAL_MS, log: (m) => console.log(m) });

const health = serveWorkerHealth(config.WORKER_HEALTH_PORT, { db, worker, log: (m) => console.error(m) });

console.log(`worker: polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${address}`);
// Returns after SIGINT/SIGTERM, which the SDK handles; rejects when the worker fails for good (then
// the process exits and npm start or docker compose starts a new one).
await worker.run();
health?.close();
await stopReconciler();
await stopRollout();
await db.destroy();
await connection.close();
await client.connection.close();
