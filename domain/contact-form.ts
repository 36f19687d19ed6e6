// "Kontakta oss" without an account: the public form's fields, and the two signed values it relies on,
// the form's stamp (when it was handed out, and the key of its one intent) and the link that lets the
// sender follow their case. Both are HMAC-SHA256 with the configured secret, each under its own label,
// so one can never be passed off as the other.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { emailSchema } from './swedish-ids.js';

const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label} saknas` })
    .trim()
    .min(1, { error: `${label} saknas` })
    .refine((v) => v.length === 0 || v.length >= min, { error: `${label} måste vara minst ${min} tecken` })
    .max(max, { error: `${label} får vara högst ${max} tecken` });

/** The form's fields, in the order the page shows them (the error summary follows it). */
export const CONTACT_FIELDS = ['name', 'email', 'organisation', 'subject', 'message'] as const;

export const contactFormSchema = z.object({
  name: text('Namn', 200),
  email: emailSchema,
  organisation: z
    .string()
    .trim()
    .max(200, { error: 'Organisation får vara högst 200 tecken' })
    .transform((v) => (v === '' ? undefined : v)),
  subject: text('Ämne', 200, 3),
  message: text('Meddelande', 10_000),
});
export type ContactForm = z.output<typeof contactFormSchema>;

/** The contact block of a case sent without an account: no personnummer, no organisationsnummer. */
export interface ContactWithoutAccount {
  name: string;
  email: string;
  organisationName?: string | undefined;
  notifyByEmail: true;
}

const sign = (secret: string, label: string, value: string) => createHmac('sha256', secret).update(`${label}\n${value}`).digest('base64url');

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// --- the follow-up link --------------------------------------------------------------------------------

const LINK = 'kundportal:contact-link:v1';

/** `<case number>.<expiry, seconds since 1970>.<signature>`: only that case, only until then. */
export function contactLinkToken(secret: string, caseNumber: string, expiresAt: Date): string {
  const body = `${caseNumber}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${body}.${sign(secret, LINK, body)}`;
}

export type LinkCheck = { ok: true; caseNumber: string; expiresAt: Date } | { ok: false; reason: 'tampered' | 'expired' };

/** The case a link is for, if it is ours, unchanged and not expired. */
export function checkContactLink(secret: string, token: string, now = new Date()): LinkCheck {
  const m = /^(KP-\d{4}-\d{5,})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!m || !sameSignature(m[3]!, sign(secret, LINK, `${m[1]}.${m[2]}`))) return { ok: false, reason: 'tampered' };
  const expiresAt = new Date(Number(m[2]) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, caseNumber: m[1]!, expiresAt };
}

// --- the form's stamp and proof of work -------------------------------------------------------------

const STAMP = 'kundportal:contact-form:v1';

/** `<issued at, ms>.<key of the form's one intent>.<signature>`, handed out with each empty form. */
export function contactFormStamp(secret: string, issuedAt: Date, key: string): string {
  const body = `${issuedAt.getTime()}.${key}`;
  return `${body}.${sign(secret, STAMP, body)}`;
}

export type StampCheck = { ok: true; issuedAt: Date; key: string } | { ok: false };

export function checkContactFormStamp(secret: string, stamp: string): StampCheck {
  const m = /^(\d{13})\.([\w-]{16,64})\.([\w-]{43})$/.exec(stamp);
  if (!m || !sameSignature(m[3]!, sign(secret, STAMP, `${m[1]}.${m[2]}`))) return { ok: false };
  return { ok: true, issuedAt: new Date(Number(m[1])), key: m[2]! };
}

/** Leading zero bits of a SHA-256 digest. */
function zeroBits(digest: Buffer): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/**
 * Hashcash over the stamp: SHA-256 of `<stamp>:<nonce>` must start with `bits` zero bits. The stamp is
 * signed and its key used once, so a proof cannot be reused for another submission.
 */
export function proofOfWorkHolds(stamp: string, nonce: string, bits: number): boolean {
  if (!/^\d{1,12}$/.test(nonce)) return false;
  return zeroBits(createHash('sha256').update(`${stamp}:${nonce}`).digest()) >= bits;
}
