// A whole Kundportal as real processes, for fault injection: its own Temporal dev server (state on
// disk, so it survives a kill), its own database on the shared Postgres, an SMTP sink in this process,
// and the API and the worker as child processes that a test may kill -9 and start again.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../config/index.js';
import { type Db, createDb } from '../../db/client.js';
import { migrateToLatest } from '../../db/migrate.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../../db/people.js';
import { createPersonalDataCipher } from '../../db/personal-data.js';
import { createApiToken } from '../../db/tokens.js';
import { startProcess, stopProcess } from '../../scripts/processes.js';
import { ORGANISATIONSNUMMER, personnummer } from '../../scripts/sample-cases.js';
import { type DevServer, freePort, startDevServer } from '../../scripts/temporal-dev-server.js';
import { ensureTemporalCli } from '../../scripts/temporal-cli.js';
import { allowConnections, dropDatabase, freshDatabase } from '../../scripts/throwaway-databases.js';

export interface SentMail {
  messageId: string;
  to: string;
  subject: string;
}

export type Role = 'api' | 'worker';

export interface Cluster {
  baseUrl: string;
  db: Db;
  customerToken: string;
  staffToken: string;
  mails: SentMail[];
  /** The process of each role as it runs now. */
  processes: Record<Role, ChildProcess>;
  /** Exits that no kill asked for: a process that should have survived the fault. */
  crashes: string[];
  kill(role: Role): void;
  start(role: Role): Promise<void>;
  killTemporal(): void;
  startTemporal(): Promise<void>;
  /** Cuts every connection to the project's database and refuses new ones until `restoreDatabase`. */
  cutDatabase(): Promise<void>;
  restoreDatabase(): Promise<void>;
  stop(): Promise<void>;
}

/** The SMTP relay: accepts every message and records its Message-ID. */
async function smtpSink(mails: SentMail[]) {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((m) => {
          const to = Array.isArray(m.to) ? m.to.map((a) => a.text).join(', ') : (m.to?.text ?? '');
          mails.push({ messageId: m.messageId ?? '', to, subject: m.subject ?? '' });
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  // A worker killed with its pooled connections open resets them: a relay shrugs that off (smtp-server
  // would otherwise throw the reset as an uncaught 'error').
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export async function startCluster(name: string): Promise<Cluster> {
  const config = loadConfig();
  const databaseName = `kundportal_faults_${name}_${process.pid}`;
  const databaseUrl = await freshDatabase(config.DATABASE_URL, databaseName);
  const db = createDb(databaseUrl, { max: 4 });
  await migrateToLatest(db);

  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const organisationId = await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true });
  const accountId = await upsertCustomerAccount(db, cipher, {
    organisationId,
    personnummer: personnummer('19850709', 980),
    name: 'Åsa Öberg',
    email: 'asa.faults@exempel.se',
    canOrder: true,
  });
  const staffId = await upsertStaff(db, { name: 'Hanna Handläggare', email: 'hanna.faults@kundportal.local', role: 'handler' });
  const customerToken = await createApiToken(db, { customerAccountId: accountId }, 'faults');
  const staffToken = await createApiToken(db, { staffId }, 'faults');

  const mails: SentMail[] = [];
  const smtp = await smtpSink(mails);
  const temporalDir = mkdtempSync(join(tmpdir(), 'kundportal-faults-'));
  const temporalPort = await freePort();
  const cli = ensureTemporalCli();
  const temporalOptions = { cli, port: temporalPort, dbFilename: join(temporalDir, 'temporal.db') };
  let temporal: DevServer = await startDevServer(temporalOptions);

  const apiPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `faults-${name}-${process.pid}`,
    API_PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    WORKER_HEALTH_PORT: '0',
    // Always open, so every e-mail leaves at once and the test can count them.
    BUSINESS_OPEN: '00:00',
    BUSINESS_CLOSE: '23:59:59',
    BUSINESS_DAYS: '1,2,3,4,5,6,7',
    BUSINESS_OBSERVE_HOLIDAYS: 'false',
    RECONCILE_INTERVAL_MS: '1000',
    RECONCILE_AFTER_MS: '1500',
    RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '1000000',
  };
  const entry: Record<Role, [string, string]> = {
    api: ['api/main.ts', 'api: listening on'],
    worker: ['worker/main.ts', 'worker: polling task queue'],
  };
  const crashes: string[] = [];
  const killed = new WeakSet<ChildProcess>();
  let stopping = false;
  const launch = async (role: Role) => {
    const child = await startProcess(entry[role][0], env, entry[role][1], 120_000);
    child.once('exit', (code, signal) => {
      if (!killed.has(child) && !stopping) crashes.push(`${role} exited (${signal ?? code})`);
    });
    return child;
  };
  const processes: Record<Role, ChildProcess> = { worker: await launch('worker'), api: await launch('api') };

  return {
    baseUrl: `http://127.0.0.1:${apiPort}`,
    db,
    customerToken,
    staffToken,
    mails,
    processes,
    crashes,
    kill(role) {
      killed.add(processes[role]);
      processes[role].kill('SIGKILL');
    },
    async start(role) {
      processes[role] = await launch(role);
    },
    killTemporal: () => void temporal.process.kill('SIGKILL'),
    async startTemporal() {
      temporal = await startDevServer(temporalOptions);
    },
    cutDatabase: () => allowConnections(databaseUrl, false),
    restoreDatabase: () => allowConnections(databaseUrl, true),
    async stop() {
      stopping = true;
      await Promise.all([stopProcess(processes.api), stopProcess(processes.worker)]);
      await temporal.stop();
      await smtp.close();
      await db.destroy();
      await dropDatabase(databaseUrl);
      rmSync(temporalDir, { recursive: true, force: true });
    },
  };
}
