// Wires the case workflow and its activities to a Temporal connection.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { DefaultLogger, NativeConnection, Worker, type WorkerOptions, bundleWorkflowCode } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { EmailDeps } from '../activities/send-case-email.js';
import { type Config, DEFAULT_EMAIL_MAX_PER_SECOND, loadConfig } from '../config/index.js';
import { emailTaskQueue } from '../workflows/mailbox-messages.js';
import { emailQueueDispatchRate } from './email-rate.js';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

const root = fileURLToPath(new URL('..', import.meta.url));
/** Written by `tsx scripts/bundle-workflows.ts`; git ignores .data/. */
const BUNDLE_FILE = join(root, '.data', 'workflow-bundle.js');
const BUNDLE_META = join(root, '.data', 'workflow-bundle.json');
/** What the bundle is made of: the workflows, the domain code they import, and the locked dependency versions. */
const BUNDLE_INPUTS = [join(root, 'workflows'), join(root, 'domain'), join(root, 'package-lock.json')];

function hashInto(hash: ReturnType<typeof createHash>, path: string) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return;
  if (stats.isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashInto(hash, join(path, entry));
  } else if (!/\.test\.tsx?$/.test(path)) {
    hash.update(path.slice(root.length)).update('\0').update(readFileSync(path)).update('\0');
  }
}

/** A digest of the bundle's sources by content, so a checkout or a touch alone never makes it stale. */
export function workflowSourceHash(): string {
  const hash = createHash('sha256');
  for (const input of BUNDLE_INPUTS) hashInto(hash, input);
  return hash.digest('hex');
}

/** Bundles `workflows/` with webpack (seconds) and writes it with the digest of its sources. */
export async function writeWorkflowBundle(): Promise<string> {
  const sourceHash = workflowSourceHash();
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  mkdirSync(join(root, '.data'), { recursive: true });
  writeFileSync(BUNDLE_FILE, code);
  writeFileSync(BUNDLE_META, JSON.stringify({ sourceHash, builtAt: new Date().toISOString() }));
  return BUNDLE_FILE;
}

/** The prebuilt bundle when it was built from the sources as they are now; otherwise why not. */
export function prebuiltWorkflowBundle(): { bundle: { code: string } } | { stale: string } {
  const meta = statSync(BUNDLE_META, { throwIfNoEntry: false }) && (JSON.parse(readFileSync(BUNDLE_META, 'utf8')) as { sourceHash?: string });
  if (!meta || !statSync(BUNDLE_FILE, { throwIfNoEntry: false })) return { stale: 'no prebuilt workflow bundle' };
  if (meta.sourceHash !== workflowSourceHash()) return { stale: 'workflows/ or domain/ changed since the bundle was built' };
  return { bundle: { code: readFileSync(BUNDLE_FILE, 'utf8') } };
}

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: EmailDeps;
  /** Must equal the clients' converter: it encrypts payloads (temporal/payload-codec.ts). */
  dataConverter: DataConverter;
  /** Prebuilt bundle (tests bundle once, the worker reads .data/); otherwise the worker bundles `workflows/` itself. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Workflows kept in memory between tasks. Each costs memory (its isolate state); an evicted one is
   * replayed from its full history on its next task. Defaults to the SDK's choice from available memory.
   */
  maxCachedWorkflows?: number | undefined;
  /** The same for the e-mail worker's mailboxes (short histories, idle between openings). */
  maxCachedMailboxes?: number | undefined;
  /** E-mails a second on the e-mail task queue (EMAIL_MAX_PER_SECOND); DEFAULT_EMAIL_MAX_PER_SECOND unless set. */
  emailMaxPerSecond?: number | undefined;
  /** The mailbox ids' hash key; PNR_HASH_KEY from the environment unless set. */
  recipientHashKey?: string | undefined;
  /**
   * Which of the two workers createCaseWorker runs (WORKER_QUEUES): both (default), or one, so the
   * e-mail worker can be a process of its own at lower CPU priority (worker/main.ts, npm start).
   */
  queues?: WorkerQueues | undefined;
}

export type WorkerQueues = Config['WORKER_QUEUES'];

type Activities = ReturnType<typeof createActivities>;

/** The case workflows and their activities, on the case task queue: the handlers' Updates land here. */
function createCaseQueueWorker(o: CaseWorkerOptions, activities: Activities): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities,
    dataConverter: o.dataConverter,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
  });
}

/**
 * The recipients' mailboxes and every send, on a queue of their own: a 09:00 burst (thousands of
 * mailbox timers firing at once, sends at the rate the Temporal server enforces across every worker
 * of the queue) waits there, never in front of a handler's Update on the case queue. Few at a time,
 * so the burst leaves the process's CPU to the handlers' work.
 */
function createEmailQueueWorker(o: CaseWorkerOptions, activities: Activities): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: emailTaskQueue(o.taskQueue),
    activities: { sendCaseEmail: activities.sendCaseEmail, sendDigest: activities.sendDigest },
    dataConverter: o.dataConverter,
    ...(o.workflowBundle ? { workflowBundle: o.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    maxTaskQueueActivitiesPerSecond: emailQueueDispatchRate(o.emailMaxPerSecond ?? DEFAULT_EMAIL_MAX_PER_SECOND),
    maxConcurrentActivityTaskExecutions: 8,
    maxConcurrentWorkflowTaskExecutions: 2,
    ...(o.maxCachedMailboxes !== undefined ? { maxCachedWorkflows: o.maxCachedMailboxes } : {}),
  });
}

/** The case worker and the e-mail worker beside it (or the one `queues` names), run and stopped together. */
export interface CaseWorker {
  run(): Promise<void>;
  shutdown(): void;
  getState(): string;
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<CaseWorker> {
  const queues = o.queues ?? 'all';
  const activities = createActivities({ ...o.deps, recipientHashKey: o.recipientHashKey ?? loadConfig().PNR_HASH_KEY });
  const workers: Worker[] = [];
  if (queues !== 'email') workers.push(await createCaseQueueWorker(o, activities));
  if (queues !== 'cases') workers.push(await createEmailQueueWorker(o, activities));
  const stop = (w: Worker) => {
    if (w.getState() === 'RUNNING') w.shutdown();
  };
  const stopAll = () => workers.forEach(stop);
  return {
    // All run until any stops (a signal stops all, a failure of one stops the other).
    async run() {
      await Promise.all(workers.map((w) => w.run().finally(stopAll)));
    },
    shutdown: stopAll,
    // The first that is not RUNNING tells, so a health check sees either one stop.
    getState: () => (workers.find((w) => w.getState() !== 'RUNNING') ?? workers[0]!).getState(),
  };
}
