// Configuration read once from the environment; every default runs the system locally.
import { z } from 'zod';
import { DEV_SECRETS, developmentSecretsRefusal } from './dev-secrets.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A comma-separated list of e-legitimations: bankid, freja, siths (empty: none). */
const methods = z
  .string()
  .transform((v) => v.split(',').map((m) => m.trim()).filter(Boolean))
  .pipe(z.array(z.enum(['bankid', 'freja', 'siths'])));

/** E-mails a second toward the relay unless EMAIL_MAX_PER_SECOND says otherwise. */
export const DEFAULT_EMAIL_MAX_PER_SECOND = 10;
/**
 * Workflows each worker keeps in memory between their tasks. Bounded so a worker stays under 1 GB with
 * any number of open cases (bench:idle: about 0.4 MB a cached case); an evicted one replays on its next task.
 */
export const DEFAULT_WORKER_MAX_CACHED_WORKFLOWS = 500;
export const DEFAULT_WORKER_MAX_CACHED_MAILBOXES = 100;

const schema = z.object({
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/kundportal'),
  TEMPORAL_ADDRESS: z.string().optional(),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('cases'),
  TEMPORAL_UI_URL: z.string().default('http://localhost:8233'),
  TEMPORAL_PAYLOAD_KEY: z.string().default(DEV_SECRETS.TEMPORAL_PAYLOAD_KEY),
  TEMPORAL_CODEC_PORT: z.coerce.number().int().default(8888),
  // Loopback like every other local service; a container sets 0.0.0.0 to be reachable from outside.
  API_HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: z.coerce.number().int().default(3000),
  PUBLIC_URL: z.string().default('http://localhost:3000'),
  SMTP_HOST: z.string().default('127.0.0.1'),
  SMTP_PORT: z.coerce.number().int().default(1025),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default('Kundportal <noreply@kundportal.local>'),
  MAIL_CATCHER_HTTP_PORT: z.coerce.number().int().default(1080),
  PNR_ENCRYPTION_KEY: z.string().default(DEV_SECRETS.PNR_ENCRYPTION_KEY),
  PNR_HASH_KEY: z.string().default(DEV_SECRETS.PNR_HASH_KEY),
  BUSINESS_OPEN: z.string().regex(/^\d\d:\d\d(:\d\d)?$/).default('09:00'),
  BUSINESS_CLOSE: z.string().regex(/^\d\d:\d\d(:\d\d)?$/).default('16:00'),
  BUSINESS_DAYS: z.string().regex(/^[1-7](,[1-7])*$/).default('1,2,3,4,5'),
  BUSINESS_CLOSED_DATES: z.string().default(''),
  BUSINESS_OBSERVE_HOLIDAYS: bool.default(true),
  PICKUP_OFFICES: z
    .string()
    .default('Stockholm – Kortkontoret City;Göteborg – Kortkontoret Centrum;Malmö – Kortkontoret Väster;Uppsala – Kortkontoret Akademiska'),
  OIDC_ISSUER: z.string().url().default('http://127.0.0.1:4000'),
  OIDC_CLIENT_ID: z.string().default('kundportal'),
  OIDC_CLIENT_SECRET: z.string().default(DEV_SECRETS.OIDC_CLIENT_SECRET),
  STAFF_OIDC_ISSUER: z.string().url().optional(),
  STAFF_OIDC_CLIENT_ID: z.string().optional(),
  STAFF_OIDC_CLIENT_SECRET: z.string().optional(),
  IDP_PORT: z.coerce.number().int().default(4000),
  SESSION_TTL_MINUTES: z.coerce.number().int().positive().default(480),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  RATE_LIMIT_LOGINS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().positive().default(60),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(30_000),
  RECONCILE_AFTER_MS: z.coerce.number().int().nonnegative().default(10_000),
  // The worker's loopback liveness endpoint (GET /health); 0 turns it off.
  WORKER_HEALTH_PORT: z.coerce.number().int().nonnegative().default(3001),
  // Which task queues this worker process serves: both (all), the cases' (cases, with the reconciler and
  // the service-level rollout) or the e-mail queue's (email, at lower CPU priority; npm start runs it so).
  WORKER_QUEUES: z.enum(['all', 'cases', 'email']).default('all'),
  // Each API process reuses a token look-up this long (0: never); revocations and role changes end it at once.
  TOKEN_CACHE_TTL_MS: z.coerce.number().int().nonnegative().default(5_000),
  TOKEN_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(10_000),
  // Workflows the worker keeps in memory; unset lets the SDK size it from the machine's memory.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().nonnegative().default(DEFAULT_WORKER_MAX_CACHED_WORKFLOWS),
  WORKER_MAX_CACHED_MAILBOXES: z.coerce.number().int().nonnegative().default(DEFAULT_WORKER_MAX_CACHED_MAILBOXES),
  // E-mails a second toward the SMTP relay, over all workers (the e-mail task queue's rate limit): a 09:00 burst queues, actions do not.
  EMAIL_MAX_PER_SECOND: z.coerce.number().positive().default(DEFAULT_EMAIL_MAX_PER_SECOND),
  // "Kontakta oss" without an account (services/contact.ts): the case type it creates, the secret that
  // signs its follow-up links and form stamps, how long a link lasts, and its bot and rate limits.
  CONTACT_CASE_TYPE: z.enum(['question', 'other']).default('question'),
  CONTACT_LINK_SECRET: z.string().min(16).default(DEV_SECRETS.CONTACT_LINK_SECRET),
  CONTACT_LINK_DAYS: z.coerce.number().int().positive().default(90),
  CONTACT_MIN_FILL_SECONDS: z.coerce.number().int().nonnegative().default(3),
  CONTACT_POW_BITS: z.coerce.number().int().min(0).max(24).default(16),
  RATE_LIMIT_CONTACT_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_CONTACT_PER_IP_PER_HOUR: z.coerce.number().int().positive().default(20),
  // Which e-legitimation may log in, create an account and verify an earlier one (services/login-methods.ts).
  LOGIN_METHODS_LOGIN: methods.default(['bankid', 'freja', 'siths']),
  LOGIN_METHODS_CREATE_ACCOUNT: methods.default(['bankid', 'freja']),
  LOGIN_METHODS_VERIFY_ACCOUNT: methods.default(['bankid', 'freja']),
});


export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const e = schema.parse(env);
  return {
    ...e,
    businessCalendar: {
      open: e.BUSINESS_OPEN,
      close: e.BUSINESS_CLOSE,
      days: e.BUSINESS_DAYS.split(',').map(Number),
      closedDates: e.BUSINESS_CLOSED_DATES.split(',').map((d) => d.trim()).filter(Boolean),
      observeHolidays: e.BUSINESS_OBSERVE_HOLIDAYS,
    },
    auth: {
      publicUrl: e.PUBLIC_URL,
      customer: { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET },
      // Staff may sign in through another broker; by default the same one.
      staff: {
        issuer: e.STAFF_OIDC_ISSUER ?? e.OIDC_ISSUER,
        clientId: e.STAFF_OIDC_CLIENT_ID ?? e.OIDC_CLIENT_ID,
        clientSecret: e.STAFF_OIDC_CLIENT_SECRET ?? e.OIDC_CLIENT_SECRET,
      },
      sessionTtlSeconds: e.SESSION_TTL_MINUTES * 60,
      sessionIdleSeconds: e.SESSION_IDLE_MINUTES * 60,
    },
    rateLimits: { loginsPerMinute: e.RATE_LIMIT_LOGINS_PER_MINUTE, submissionsPerMinute: e.RATE_LIMIT_SUBMISSIONS_PER_MINUTE },
    loginMethods: { login: e.LOGIN_METHODS_LOGIN, create_account: e.LOGIN_METHODS_CREATE_ACCOUNT, verify_account: e.LOGIN_METHODS_VERIFY_ACCOUNT },
    contactForm: {
      caseType: e.CONTACT_CASE_TYPE,
      secret: e.CONTACT_LINK_SECRET,
      linkDays: e.CONTACT_LINK_DAYS,
      minFillSeconds: e.CONTACT_MIN_FILL_SECONDS,
      powBits: e.CONTACT_POW_BITS,
      perAddressPerHour: e.RATE_LIMIT_CONTACT_PER_ADDRESS_PER_HOUR,
      perIpPerHour: e.RATE_LIMIT_CONTACT_PER_IP_PER_HOUR,
    },
    pickupOffices: e.PICKUP_OFFICES.split(';').map((s) => s.trim()).filter(Boolean),
  };
}

export type Config = ReturnType<typeof loadConfig>;

/**
 * loadConfig for the API and the worker: a production run (https PUBLIC_URL or NODE_ENV=production)
 * with a built-in development secret stops here, naming every variable to set.
 */
export function loadServiceConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = loadConfig(env);
  const refusal = developmentSecretsRefusal(config, env.NODE_ENV);
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  return config;
}
