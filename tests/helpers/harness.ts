// A whole Kundportal on real components for one test file: Postgres, Temporal, SMTP, worker and HTTP API.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { DefaultLogger, NativeConnection, Runtime, bundleWorkflowCode } from '@temporalio/worker';
import { inject } from 'vitest';
import { smtpMailer } from '../../activities/email/direct-mail.js';
import { createTransport } from '../../activities/email/transport.js';
import { createApp } from '../../api/app.js';
import type { ApiDeps } from '../../api/deps.js';
import { type Config, loadConfig } from '../../config/index.js';
import { createDb } from '../../db/client.js';
import { upsertOrganisation, upsertStaff } from '../../db/people.js';
import { createPersonalDataCipher } from '../../db/personal-data.js';
import { createApiToken } from '../../db/tokens.js';
import { startMailCatcher } from '../../scripts/mail-catcher.js';
import { connectTemporal } from '../../temporal/client.js';
import { caseDataConverter } from '../../temporal/payload-codec.js';
import type { CaseWorkflowSettings } from '../../temporal/start-case.js';
import { WORKFLOWS_PATH, createCaseWorker } from '../../worker/create-worker.js';
import type { BusinessCalendarConfig } from '../../workflows/business-hours.js';
import { ORGANISATIONSNUMMER } from '../../scripts/sample-cases.js';
import { freePort } from '../../scripts/temporal-dev-server.js';
import { startDevIdp } from '../../idp/provider.js';
import { personnummer } from '../../scripts/sample-cases.js';

export const ALWAYS_OPEN: BusinessCalendarConfig = {
  open: '00:00:00',
  close: '23:59:59',
  days: [1, 2, 3, 4, 5, 6, 7],
  closedDates: [],
  observeHolidays: false,
};

let bundle: ReturnType<typeof bundleWorkflowCode> | undefined;
export const workflowBundle = () => (bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }));
const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Unique per test run: several runs may share a database. */
export const RUN_ID = `${process.pid}-${Date.now()}`;

let serial = 0;
let runtimeInstalled = false;

export async function startHarness(
  opts: {
    calendar?: BusinessCalendarConfig;
    closedRetentionMs?: number;
    rateLimits?: { loginsPerMinute: number; submissionsPerMinute: number };
    /** A migrated database of the test file's own (tests/outage.test.ts cuts it); by default the run's. */
    databaseUrl?: string;
    /** "Kontakta oss" settings over the configured ones (tests/contact-form.test.ts lowers the limits). */
    contactForm?: Partial<Config['contactForm']>;
    /** The e-mail queue's rate cap (tests/recipient-digests.test.ts measures it); the configured default otherwise. */
    emailMaxPerSecond?: number;
  } = {},
) {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    runtimeInstalled = true;
  }
  const databaseUrl = opts.databaseUrl ?? inject('databaseUrl');
  const address = inject('temporalAddress');
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const db = createDb(databaseUrl);
  const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
  const transport = createTransport({ ...config, SMTP_HOST: '127.0.0.1', SMTP_PORT: mail.smtpPort });

  const taskQueue = `test-${randomUUID()}`;
  const connection = await NativeConnection.connect({ address });
  const dataConverter = caseDataConverter(config.TEMPORAL_PAYLOAD_KEY);
  const temporal = await connectTemporal(address, 'default', dataConverter);
  const contactForm = { ...config.contactForm, ...opts.contactForm };
  const deps = { db, transport, from: config.MAIL_FROM, publicUrl: config.PUBLIC_URL, contactLinks: contactForm };
  const worker = await createCaseWorker({
    connection,
    namespace: 'default',
    taskQueue,
    deps,
    dataConverter,
    workflowBundle: await workflowBundle(),
    emailMaxPerSecond: opts.emailMaxPerSecond,
  });
  const workerRun = worker.run();
  const workflow: CaseWorkflowSettings = {
    taskQueue,
    calendar: opts.calendar ?? ALWAYS_OPEN,
    closedRetentionMs: opts.closedRetentionMs,
  };
  // The API's port is chosen first: the identity provider must know its callback URLs.
  const baseUrl = `http://127.0.0.1:${await freePort()}`;
  const oidcClient = { clientId: 'kundportal-test', clientSecret: `secret-${randomUUID()}` };
  const idp = await startDevIdp({
    clients: [
      {
        client_id: oidcClient.clientId,
        client_secret: oidcClient.clientSecret,
        redirect_uris: [`${baseUrl}/auth/callback`, `${baseUrl}/auth/staff/callback`],
      },
    ],
  });
  const oidc = { issuer: idp.issuer, ...oidcClient };
  const apiDeps: ApiDeps = {
    db,
    temporal,
    cipher,
    workflow,
    pickupOffices: config.pickupOffices,
    auth: { ...config.auth, publicUrl: baseUrl, customer: oidc, staff: oidc },
    rateLimits: opts.rateLimits ?? { loginsPerMinute: 10_000, submissionsPerMinute: 10_000 },
    temporalUi: { url: config.TEMPORAL_UI_URL, namespace: 'default' },
    mailer: smtpMailer(transport, config.MAIL_FROM),
    contactForm,
    log: console.error,
  };
  const app = createApp(apiDeps);
  const server = serve({ fetch: app.fetch, port: Number(new URL(baseUrl).port), hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));

  // People: one customer at an organisation, one handler.
  const n = `${process.pid}${++serial}${Date.now() % 100000}`;
  const org = { id: await upsertOrganisation(db, { organisationsnummer: ORGANISATIONSNUMMER, name: 'Region Exempel', verified: true }) };
  const pnr = personnummer('19850709', 980);
  const customerEmail = `asa.${n}@exempel.se`;
  const account = await db
    .insertInto('customer_accounts')
    .values({
      organisationId: org.id,
      personnummerEnc: cipher.seal(pnr),
      personnummerHash: cipher.hash(`${pnr}:${n}`), // unique per harness: several test files share one database
      name: 'Åsa Öberg',
      email: customerEmail,
      canOrder: true, // most tests submit SITHS orders; tests/order-right.test.ts covers the refusal
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const staff = { id: await upsertStaff(db, { name: 'Hanna Handläggare', email: `hanna.${n}@kundportal.local`, role: 'handler' }) };
  const customerToken = await createApiToken(db, { customerAccountId: account.id }, 'test');
  const staffToken = await createApiToken(db, { staffId: staff.id }, 'test');

  async function api(method: string, path: string, o: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined || o.raw !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...o.headers,
      },
      body: o.raw ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
    });
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json')) return { status: res.status, headers: res.headers, json: undefined, body: Buffer.from(await res.arrayBuffer()) };
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  }

  const staffAction = (caseNumber: string, action: string, body: unknown = {}) =>
    api('POST', `/api/v1/staff/cases/${caseNumber}/actions/${action}`, { token: staffToken, body });

  /** The handle of a case's workflow, by the workflow id on its row (the case number plus a random part). */
  async function caseWorkflow(caseNumber: string) {
    const { workflowId } = await db.selectFrom('cases').select('workflowId').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    return temporal.workflow.getHandle(workflowId);
  }

  /** E-mails to `to` received so far, newest first. */
  const receivedBy = (to: string) => mail.messages.filter((m) => m.to.includes(to));

  /** Waits until `count` e-mails to `to` have arrived and returns them oldest first. */
  async function mailsTo(to: string, count: number, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const got = receivedBy(to).reverse();
      if (got.length >= count) return got;
      if (Date.now() > deadline) throw new Error(`expected ${count} e-mail(s) to ${to}, got ${got.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    db,
    cipher,
    temporal,
    workflow,
    deps,
    mail,
    baseUrl,
    apiDeps,
    idp,
    api,
    staffAction,
    caseWorkflow,
    mailsTo,
    receivedBy,
    customerToken,
    staffToken,
    customerEmail,
    accountId: account.id,
    organisationId: org.id,
    staffId: staff.id,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      await idp.close();
      worker.shutdown();
      await workerRun;
      await connection.close();
      await temporal.connection.close();
      await mail.close();
      await db.destroy();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
