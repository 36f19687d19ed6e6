// The API process.
import { serve } from '@hono/node-server';
import { loadServiceConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { startTokenCache } from '../db/token-cache.js';
import { connectTemporal } from '../temporal/client.js';
import { caseDataConverter } from '../temporal/payload-codec.js';
import { smtpMailer } from '../activities/email/direct-mail.js';
import { createTransport } from '../activities/email/transport.js';
import { createApp } from './app.js';

const config = loadServiceConfig(); // refuses development secrets in production
const db = createDb(config.DATABASE_URL);
const tokenCache =
  config.TOKEN_CACHE_TTL_MS > 0
    ? startTokenCache(db, config.DATABASE_URL, { ttlMs: config.TOKEN_CACHE_TTL_MS, maxEntries: config.TOKEN_CACHE_MAX_ENTRIES, log: (m) => console.error(m) })
    : undefined;
const temporal = await connectTemporal(
  config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  config.TEMPORAL_NAMESPACE,
  caseDataConverter(config.TEMPORAL_PAYLOAD_KEY),
);
const app = createApp({
  db,
  temporal,
  cipher: createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY }),
  workflow: { taskQueue: config.TEMPORAL_TASK_QUEUE, calendar: config.businessCalendar },
  pickupOffices: config.pickupOffices,
  loginMethods: config.loginMethods,
  mailer: smtpMailer(createTransport(config), config.MAIL_FROM),
  auth: config.auth,
  rateLimits: config.rateLimits,
  contactForm: config.contactForm,
  temporalUi: { url: config.TEMPORAL_UI_URL, namespace: config.TEMPORAL_NAMESPACE },
  log: (m) => console.error(m),
});

const server = serve({ fetch: app.fetch, port: config.API_PORT, hostname: config.API_HOST }, (info) =>
  console.log(`api: listening on http://${config.API_HOST.includes(':') ? `[${config.API_HOST}]` : config.API_HOST}:${info.port}`),
);
const stop = () => {
  server.close();
  void Promise.all([tokenCache?.close(), db.destroy(), temporal.connection.close()]).then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
