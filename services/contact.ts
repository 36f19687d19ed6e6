// "Kontakta oss" without an account: the public form creates a case of the configured type through the
// same submission rule as every case (one statement, a key per intent, the workflow started after
// commit, the reconciler behind it), with no organisation or reporter and marked "utan konto". The
// sender follows the case through a signed, expiring link that opens only that case: read and reply.
import { randomUUID } from 'node:crypto';
import { type CaseRow, caseTimeline, findCase } from '../db/cases.js';
import { submitCaseOnce } from '../db/submissions.js';
import { type ContactForm, type ContactWithoutAccount, checkContactFormStamp, checkContactLink, contactFormStamp, proofOfWorkHolds } from '../domain/contact-form.js';
import type { CaseSubmission } from '../domain/index.js';
import { sendContactMessage } from './case-actions.js';
import { startSubmittedWorkflow } from './cases.js';
import type { ServiceDeps } from './deps.js';
import { ServiceError, notFound, refused } from './errors.js';

export interface ContactFormSettings {
  /** The case type a message through the form becomes. */
  caseType: 'question' | 'other';
  /** Signs the follow-up links and the form stamps (HMAC-SHA256). */
  secret: string;
  /** How long a follow-up link opens the case, counted from the e-mail that carries it. */
  linkDays: number;
  /** A form sent back sooner than this after it was handed out is taken for a bot's. */
  minFillSeconds: number;
  /** Leading zero bits the browser's hashcash must reach (0: no proof asked for). */
  powBits: number;
  perAddressPerHour: number;
  perIpPerHour: number;
}

/** A stamped form is good for a day: long enough to write a message, short enough that a stamp goes stale. */
const STAMP_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The owner of the key rows the form writes: a form's key is drawn by the server and signed, never chosen. */
const KEY_OWNER = 'contact-form';

/** The values an empty form carries: its signed stamp, which also holds the key of its one intent. */
export const newContactStamp = (s: ContactFormSettings, now = new Date()) => contactFormStamp(s.secret, now, randomUUID());

export type BotCheck = { ok: true; key: string; proof: boolean } | { ok: false; reason: 'honeypot' | 'too-fast' | 'stale' | 'bad-proof' };

/**
 * The form's bot checks, cheapest first. The hidden field must be empty, the signed stamp intact and
 * old enough; a proof of work, when the browser sent one, must hold. Without JavaScript there is none,
 * and the time check and the rate limits stand alone.
 */
export function checkContactBot(s: ContactFormSettings, form: { stamp?: string; honeypot?: string; pow?: string }, now = new Date()): BotCheck {
  if (form.honeypot) return { ok: false, reason: 'honeypot' };
  const stamp = checkContactFormStamp(s.secret, form.stamp ?? '');
  if (!stamp.ok || now.getTime() - stamp.issuedAt.getTime() > STAMP_LIFETIME_MS) return { ok: false, reason: 'stale' };
  if (now.getTime() - stamp.issuedAt.getTime() < s.minFillSeconds * 1000) return { ok: false, reason: 'too-fast' };
  if (form.pow && !proofOfWorkHolds(form.stamp!, form.pow, s.powBits)) return { ok: false, reason: 'bad-proof' };
  return { ok: true, key: stamp.key, proof: Boolean(form.pow) };
}

/** The stored submission: the configured type, the form's text, and a contact block with the sender's own words only. */
function contactSubmission(s: ContactFormSettings, f: ContactForm) {
  const contact: ContactWithoutAccount = { name: f.name, email: f.email, organisationName: f.organisation, notifyByEmail: true };
  return { type: s.caseType, contact, subject: f.subject, description: f.message, withoutAccount: true as const };
}

/**
 * Submits a message from the form as a case. `key` is the stamp's: the same form sent twice gives the
 * first case (`created: false`), and with other words the idempotency conflict every submission has.
 */
export async function submitContact(deps: ServiceDeps, s: ContactFormSettings, form: ContactForm, key: string) {
  const submission = contactSubmission(s, form);
  const result = await submitCaseOnce(
    deps.db,
    // Nothing to seal: the form asks for no personnummer. The shape differs from an account's contact block.
    { sealedSubmission: submission as unknown as CaseSubmission, organisationId: null, reporterId: null, withoutAccount: true },
    { owner: KEY_OWNER, key, request: form },
  );
  if (result === 'key-conflict') {
    throw new ServiceError('idempotency-conflict', 'Formuläret är redan inskickat', 'Formuläret har redan skickats in med andra uppgifter.');
  }
  if (result.created) await startSubmittedWorkflow(deps, result.row);
  return result;
}

/** The case a follow-up link opens; a tampered or expired link, or another kind of case, is refused alike. */
async function linkedCase(deps: ServiceDeps, s: ContactFormSettings, token: string): Promise<CaseRow> {
  const link = checkContactLink(s.secret, token);
  if (!link.ok) throw refused(link.reason === 'expired' ? 'expired' : 'tampered');
  const row = await findCase(deps.db, link.caseNumber);
  if (!row || !row.withoutAccount) throw notFound();
  return row;
}

export interface ContactCaseView {
  row: CaseRow;
  submission: ReturnType<typeof contactSubmission>;
  timeline: Awaited<ReturnType<typeof caseTimeline>>;
}

/** What the link shows: the case, what was sent, and its public timeline (no internal notes). */
export async function contactCase(deps: ServiceDeps, s: ContactFormSettings, token: string): Promise<ContactCaseView> {
  const row = await linkedCase(deps, s, token);
  const timeline = await caseTimeline(deps.db, row.id, { includeInternal: false });
  return { row, submission: row.payload as unknown as ContactCaseView['submission'], timeline };
}

/** A reply through the link: a customer message from the sender, who has no account (actor id null). */
export async function replyToContactCase(deps: ServiceDeps, s: ContactFormSettings, token: string, body: string, key?: string) {
  const row = await linkedCase(deps, s, token);
  return sendContactMessage(deps, row, body, key);
}

/** The link's outcome as a word, for the page; `refused` above carries it as its detail. */
export const linkRefusal = (err: unknown): 'expired' | 'tampered' | undefined =>
  err instanceof ServiceError && err.kind === 'refused' ? (err.detail === 'expired' ? 'expired' : 'tampered') : undefined;
