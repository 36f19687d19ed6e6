// SMTP transport for customer notifications, and how to treat a failed send.
import { createTransport as nodemailerTransport, type Mail, type SMTPSentMessageInfo, type SMTPTransportOptions } from 'nodemailer';
import type { Config } from '../../config/index.js';

export type SmtpConfig = Pick<Config, 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASSWORD'>;

export type SmtpTransport = Mail<SMTPSentMessageInfo, SMTPTransportOptions>;

/**
 * pooled: keep up to 4 connections open and send many messages on each (a worker process sends all
 * day); unpooled: one connection per message (the API's occasional login codes, tests).
 */
export function createTransport(cfg: SmtpConfig, { pooled = false } = {}): SmtpTransport {
  return nodemailerTransport({
    host: cfg.SMTP_HOST,
    port: cfg.SMTP_PORT,
    secure: cfg.SMTP_SECURE,
    // Without implicit TLS (local catcher, internal relay) do not attempt STARTTLS.
    ignoreTLS: !cfg.SMTP_SECURE,
    ...(cfg.SMTP_USER ? { auth: { user: cfg.SMTP_USER, pass: cfg.SMTP_PASSWORD ?? '' } } : {}),
    ...(pooled ? { pool: true, maxConnections: 4, maxMessages: 100 } : { pool: false }),
    // nodemailer's defaults (2 min connect, 10 min socket) would outlast a reasonable activity timeout.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
}

/**
 * 'permanent': retrying the same message will fail again (5xx reply, invalid envelope), so give up.
 * 'transient': connection trouble, timeouts, 4xx replies; retry later.
 *
 * The reply code decides when there is one: nodemailer also uses code EENVELOPE for a rejected
 * MAIL FROM / RCPT TO, and a 4xx there (e.g. 451 greylisting) is temporary. 503 "bad sequence"
 * is a session-state error, not a rejection of the message (RFC 5321; nodemailer agrees).
 */
export function classifySmtpError(err: unknown): 'permanent' | 'transient' {
  if (typeof err !== 'object' || err === null) return 'transient';
  const { code, responseCode } = err as { code?: unknown; responseCode?: unknown };
  if (typeof responseCode === 'number' && responseCode > 0) {
    return responseCode >= 500 && responseCode !== 503 ? 'permanent' : 'transient';
  }
  return code === 'EENVELOPE' ? 'permanent' : 'transient';
}

/** What the relay said, for the e-mail log and the handler: its reply line, else the error's message. */
export function smtpErrorReason(err: unknown): string {
  const { response, message } = (typeof err === 'object' && err !== null ? err : {}) as { response?: unknown; message?: unknown };
  const text = typeof response === 'string' && response.trim() ? response : typeof message === 'string' ? message : String(err);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}
