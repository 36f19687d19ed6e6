// The worker process: case workflows, their activities and the start reconciler; the e-mail queue's
// mailboxes and sends beside them, or in a process of their own (WORKER_QUEUES, npm start).
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { NativeConnection } from '@temporalio/worker';
import { createTransport } from '../activities/email/transport.js';
import { loadServiceConfig } from '../config/index.js';
import { connectTemporal } from '../temporal/client.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { createDb } from '../db/client.js';
import { emailTaskQueue } from '../workflows/mailbox-messages.js';
import { createCaseWorker, prebuiltWorkflowBundle } from './create-worker.js';
import { serveWorkerHealth } from './health.js';
import { startReconciler } from './reconciler.js';
import { startServiceLevelRollout } from './service-level-rollout.js';

const config = loadServiceConfig(); // refuses development secrets in production
const queues = config.WORKER_QUEUES;
if (queues === 'email') lowerPriority();

const address = config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const db = createDb(config.DATABASE_URL);
const connection = await NativeConnection.connect({ address });
const dataConverter = caseDataConverter(config.TEMPORAL_PAYLOAD_KEY);
const settings = { taskQueue: config.TEMPORAL_TASK_QUEUE, calendar: config.businessCalendar };

// Built by `tsx scripts/bundle-workflows.ts`; without a current one the worker bundles here (seconds).
const prebuilt = prebuiltWorkflowBundle();
if ('stale' in prebuilt) console.log(`worker: ${prebuilt.stale}; bundling the workflows at start`);

const worker = await createCaseWorker({
  connection,
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  queues,
  dataConverter,
  ...('bundle' in prebuilt ? { workflowBundle: prebuilt.bundle } : {}),
  maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
  maxCachedMailboxes: config.WORKER_MAX_CACHED_MAILBOXES,
  emailMaxPerSecond: config.EMAIL_MAX_PER_SECOND,
  recipientHashKey: config.PNR_HASH_KEY,
  deps: { db, transport: createTransport(config, { pooled: true }), from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL, contactLinks: config.contactForm },
});

// The reconciler and the rollout start case workflows and signal them: the case side's work, once.
let stopCaseSide = async () => {};
if (queues !== 'email') {
  const client = await connectTemporal(address, config.TEMPORAL_NAMESPACE, dataConverter);
  const stopReconciler = startReconciler(db, client, settings, {
    intervalMs: config.RECONCILE_INTERVAL_MS,
    graceMs: config.RECONCILE_AFTER_MS,
    log: (m) => console.log(m),
  });
  const stopRollout = startServiceLevelRollout(db, client, { intervalMs: config.RECONCILE_INTERVAL_MS, log: (m) => console.log(m) });
  stopCaseSide = async () => {
    await stopReconciler();
    await stopRollout();
    await client.connection.close();
  };
}

const health = serveWorkerHealth(config.WORKER_HEALTH_PORT, { db, worker, log: (m) => console.error(m) });

// Scripts wait for these lines: "worker: polling task queue" means the case queue is served.
if (queues === 'email') {
  console.log(`worker: polling e-mail task queue "${emailTaskQueue(config.TEMPORAL_TASK_QUEUE)}" on ${address}`);
} else {
  console.log(`worker: polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${address}`);
}
// Returns after SIGINT/SIGTERM, which the SDK handles; rejects when the worker fails for good (then
// the process exits and npm start or docker compose starts a new one).
await worker.run();
health?.close();
await stopCaseSide();
await db.destroy();
await connection.close();

/**
 * Nice 10 for the e-mail process: a 09:00 burst is background work, so on a shared host the kernel
 * gives the handlers' processes (the case worker serving their Updates, the API) the CPU first.
 * Linux keeps a nice value per thread and a new thread inherits its creator's: so this runs before
 * anything connects, and every thread Node already has (V8's, libuv's) is lowered too.
 */
function lowerPriority() {
  try {
    os.setPriority(10);
  } catch (err) {
    console.log(`worker: could not lower the e-mail process's CPU priority (${(err as Error).message}); running at normal priority`);
    return;
  }
  let threads: string[] = [];
  try {
    threads = readdirSync('/proc/self/task'); // Linux; elsewhere the process's priority is all there is
  } catch {}
  for (const tid of threads) {
    try {
      os.setPriority(Number(tid), 10);
    } catch {
      // the thread ended meanwhile
    }
  }
}
