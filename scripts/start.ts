// npm start: the whole system on embedded defaults. Temporal dev server (unless TEMPORAL_ADDRESS),
// Postgres database created and migrated, a mail catcher, the local e-legitimation provider (unless
// OIDC_ISSUER names another), the back office built, the case worker, the e-mail worker (a process of
// its own at lower CPU priority, so a 09:00 burst leaves the CPU to the handlers' actions) and the
// API. A worker or API that dies is started again (scripts/supervise.ts). Ctrl-C stops it all.
import { execFileSync, spawn } from 'node:child_process';
import { serve } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { startDevIdp } from '../idp/provider.js';
import { testCustomers, testStaff } from '../idp/test-persons.js';
import { ensureAdminBuilt } from './build-admin.js';
import { ensureWorkflowBundle } from './bundle-workflows.js';
import { createApiToken } from '../db/tokens.js';
import { createCodecServer } from '../temporal/codec-server.js';
import { AesGcmPayloadCodec } from '../temporal/payload-codec.js';
import { startMailCatcher } from './mail-catcher.js';
import { prepareDatabase } from './migrate.js';
import { supervise } from './supervise.js';
import { type DevServer, startDevServer } from './temporal-dev-server.js';
import { ensureTemporalCli } from './temporal-cli.js';

const config = loadConfig();
const log = (m: string) => console.log(`[start] ${m}`);

await prepareDatabase(config.DATABASE_URL);
log(`Postgres: ${config.DATABASE_URL.replace(/\/\/[^@]*@/, '//')} migrated`);

let temporal: DevServer | undefined;
let codecServer: ReturnType<typeof serve> | undefined;
let address = config.TEMPORAL_ADDRESS;
if (!address) {
  // Lets Temporal UI show the encrypted payloads to the developer at this machine.
  const codec = createCodecServer(new AesGcmPayloadCodec(config.TEMPORAL_PAYLOAD_KEY), 'http://localhost:8233');
  codecServer = serve({ fetch: codec.fetch, port: config.TEMPORAL_CODEC_PORT, hostname: '127.0.0.1' });
  const cli = ensureTemporalCli(log);
  mkdirSync('.data', { recursive: true });
  temporal = await startDevServer({
    cli,
    port: 7233,
    uiPort: 8233,
    dbFilename: '.data/temporal.db',
    namespace: config.TEMPORAL_NAMESPACE,
    codecEndpoint: `http://localhost:${config.TEMPORAL_CODEC_PORT}`,
  });
  address = temporal.address;
  // The dev server gives namespaces 24 h retention; keep closed cases inspectable for 30 days.
  execFileSync(cli, ['operator', 'namespace', 'update', '--address', address, '--namespace', config.TEMPORAL_NAMESPACE, '--retention', '720h'], {
    stdio: 'ignore',
  });
}

const localSmtp = ['127.0.0.1', 'localhost'].includes(config.SMTP_HOST);
const catcher = localSmtp
  ? await startMailCatcher({ smtpPort: config.SMTP_PORT, httpPort: config.MAIL_CATCHER_HTTP_PORT })
  : undefined;

// The local provider serves only when the configured issuer is its own address.
const localIssuer = `http://127.0.0.1:${config.IDP_PORT}`;
const idp =
  config.OIDC_ISSUER === localIssuer
    ? await startDevIdp({
        port: config.IDP_PORT,
        clients: [
          {
            client_id: config.OIDC_CLIENT_ID,
            client_secret: config.OIDC_CLIENT_SECRET,
            client_name: 'Kundportal',
            redirect_uris: [`${config.PUBLIC_URL}/auth/callback`, `${config.PUBLIC_URL}/auth/staff/callback`],
          },
        ],
      })
    : undefined;

await ensureAdminBuilt(log);
// Once here, so the worker (and each restart of it) starts without bundling.
await ensureWorkflowBundle(log);
const tokens = await seedDevelopmentPeople();

const env = { ...process.env, TEMPORAL_ADDRESS: address };
// The e-mail process answers health checks on the next port (none when the worker's is off).
const emailHealthPort = config.WORKER_HEALTH_PORT === 0 ? 0 : config.WORKER_HEALTH_PORT + 1;
const children = [
  { file: 'worker/main.ts', name: 'Arbetsprocessen (worker)', extra: { WORKER_QUEUES: 'cases' } },
  { file: 'worker/main.ts', name: 'E-postprocessen (e-postworker)', extra: { WORKER_QUEUES: 'email', WORKER_HEALTH_PORT: String(emailHealthPort) } },
  { file: 'api/main.ts', name: 'API:et', extra: {} },
].map(({ file, name, extra }) =>
  supervise({
    name,
    start: () => spawn(process.execPath, ['--import', 'tsx', file], { env: { ...env, ...extra }, stdio: 'inherit' }),
    log,
    onGiveUp: () => void stop(1),
  }),
);

console.log(`
Kundportal körs
  Kundportalen:   ${config.PUBLIC_URL}/  (Mina sidor: ${config.PUBLIC_URL}/mina-sidor)
  API:            ${config.PUBLIC_URL}/api/v1  (t.ex. ${config.PUBLIC_URL}/api/v1/cases)
  Fångad e-post:  ${catcher ? `http://localhost:${catcher.httpPort}` : `(SMTP ${config.SMTP_HOST}:${config.SMTP_PORT})`}
  Temporal UI:    ${temporal ? 'http://localhost:8233' : config.TEMPORAL_UI_URL}
  Back office:    ${config.PUBLIC_URL}/admin/  (handläggare: ${testStaff.map((s) => s.name).join(', ')})
  Kundinloggning: ${config.PUBLIC_URL}/auth/login  (kund: ${testCustomers[0].name}; ny person: ${testCustomers[1].name})
  API-dokumentation: ${config.PUBLIC_URL}/api/docs
  E-legitimation: ${idp ? `${idp.issuer} (lokal testleverantör: välj testperson på inloggningssidan)` : config.OIDC_ISSUER}
  API-nycklar för utveckling (nya vid varje start):
    kund:         ${tokens.customer}
    handläggare:  ${tokens.staff}
Avsluta med Ctrl-C.
`);

let stopping = false;
async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(children.map((c) => c.stop()));
  await catcher?.close();
  await idp?.close();
  codecServer?.close();
  await temporal?.stop();
  process.exit(exitCode);
}
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

/** Development identities with fresh tokens; earlier start-up tokens are revoked. */
async function seedDevelopmentPeople() {
  const db = createDb(config.DATABASE_URL, { max: 1 });
  try {
    const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
    const organisationId = await upsertOrganisation(db, { organisationsnummer: '556016-0680', name: 'Region Exempel', verified: true });
    const [asa] = testCustomers;
    // Åsa runs her organisation's account in development: she may order and manage members.
    const accountId = await upsertCustomerAccount(db, cipher, { organisationId, ...asa, canOrder: true, isLocalAdmin: true });
    const staffIds = [];
    for (const s of testStaff) {
      staffIds.push(await upsertStaff(db, { name: s.name, email: s.email, role: s.role }, { cipher, personnummer: s.personnummer }));
    }
    const staffId = staffIds[0]!;
    await db.updateTable('api_tokens').set({ revokedAt: new Date() }).where('name', '=', 'npm-start').where('revokedAt', 'is', null).execute();
    return {
      customer: await createApiToken(db, { customerAccountId: accountId }, 'npm-start'),
      staff: await createApiToken(db, { staffId }, 'npm-start'),
    };
  } finally {
    await db.destroy();
  }
}
