// WORKER_QUEUES splits the worker in two processes, as npm start runs it: the case process serves the
// case queue, the e-mail process the e-mail queue at nice 10. A case's receipt leaves only once the
// e-mail process runs. Real processes (worker/main.ts), Temporal dev server, Postgres, SMTP catcher.
import type { ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { insertSubmittedCase } from '../db/cases.js';
import { type Db, createDb } from '../db/client.js';
import { migrateToLatest } from '../db/migrate.js';
import { upsertCustomerAccount, upsertOrganisation } from '../db/people.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { caseSubmissionSchema } from '../domain/index.js';
import { type MailCatcher, startMailCatcher } from '../scripts/mail-catcher.js';
import { startProcess, stopProcess } from '../scripts/processes.js';
import { ORGANISATIONSNUMMER, personnummer, question } from '../scripts/sample-cases.js';
import { dropDatabase, freshDatabase } from '../scripts/throwaway-databases.js';
import { connectTemporal } from '../temporal/client.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { startCaseWorkflow } from '../temporal/start-case.js';
import { ALWAYS_OPEN, sleep } from './helpers/harness.js';

const config = loadConfig();
const children: ChildProcess[] = [];
let databaseUrl: string;
let db: Db;
let mail: MailCatcher;
let temporal: Awaited<ReturnType<typeof connectTemporal>>;
let env: NodeJS.ProcessEnv;

/** Field 19 of /proc/<pid>/stat (or of one thread's): its nice value. */
const niceOf = (path: string) => {
  const stat = readFileSync(`${path}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
};

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out ${what}`);
    await sleep(100);
  }
}

const startWorker = async (queues: 'cases' | 'email', ready: string) => {
  const child = await startProcess('worker/main.ts', { ...env, WORKER_QUEUES: queues }, ready, 120_000);
  children.push(child);
  return child;
};

beforeAll(async () => {
  // A database of its own: the case process's reconciler and rollout must see no other file's cases.
  databaseUrl = await freshDatabase(config.DATABASE_URL, `kundportal_worker_queues_${process.pid}`);
  db = createDb(databaseUrl, { max: 2 });
  await migrateToLatest(db);
  mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const address = inject('temporalAddress');
  temporal = await connectTemporal(address, 'default', caseDataConverter(config.TEMPORAL_PAYLOAD_KEY));
  env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: address,
    TEMPORAL_TASK_QUEUE: `queues-${process.pid}-${Date.now()}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(mail.smtpPort),
    WORKER_HEALTH_PORT: '0',
    BUSINESS_OPEN: ALWAYS_OPEN.open,
    BUSINESS_CLOSE: ALWAYS_OPEN.close,
    BUSINESS_DAYS: ALWAYS_OPEN.days.join(','),
    BUSINESS_OBSERVE_HOLIDAYS: 'false',
  };
});

afterAll(async () => {
  await Promise.all(children.map((c) => stopProcess(c)));
  await temporal?.connection.close();
  await mail?.close();
  await db?.destroy();
  if (databaseUrl) await dropDatabase(databaseUrl);
});

it('sends a receipt only through the e-mail process, which runs at nice 10', async () => {
  const cases = await startWorker('cases', 'worker: polling task queue');
  expect(niceOf(`/proc/${cases.pid}`)).toBe(os.getPriority()); // the case process keeps its parent's priority

  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const email = 'asa.queues@exempel.se';
  const reporterId = await upsertCustomerAccount(db, cipher, { organisationId, personnummer: personnummer('19850709', 980), name: 'Åsa Öberg', email, canOrder: false });
  const submission = caseSubmissionSchema({ pickupOffices: [] }).parse(question(email));
  const row = await db.transaction().execute((trx) =>
    insertSubmittedCase(trx, { sealedSubmission: cipher.sealSubmission(submission), reporterId, organisationId }),
  );
  await startCaseWorkflow(temporal, row, { taskQueue: env.TEMPORAL_TASK_QUEUE!, calendar: ALWAYS_OPEN });

  // The case process has done its part: the receipt's send waits on the e-mail queue, unserved.
  const handle = temporal.workflow.getHandle(row.workflowId);
  await until('waiting for the receipt to be scheduled', async () => {
    const pending = (await handle.describe()).raw.pendingActivities ?? [];
    return pending.some((a) => a.activityType?.name === 'sendCaseEmail') || undefined;
  });
  await sleep(1_000);
  expect(mail.messages.filter((m) => m.to.includes(email))).toEqual([]);

  const emailProcess = await startWorker('email', 'worker: polling e-mail task queue');
  const receipt = await until('waiting for the receipt', () => mail.messages.find((m) => m.to.includes(email)));
  expect(receipt.text).toContain(row.caseNumber);

  // Nice 10 for the process and for every thread in it (Linux keeps one per thread).
  const tasks = readdirSync(`/proc/${emailProcess.pid}/task`);
  expect(tasks.length).toBeGreaterThan(1);
  expect(tasks.map((tid) => niceOf(`/proc/${emailProcess.pid}/task/${tid}`))).toEqual(tasks.map(() => 10));
}, 150_000);
