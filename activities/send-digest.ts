// Sends a recipient's digest: the parts its cases handed to the mailbox, in one e-mail. Each part
// keeps its own row in the e-mail log (written at the hand-over), so a part goes once however often
// the digest is retried or replayed, and a refusal is on each case's row for its timeline.
// At-least-once at the SMTP boundary as a case's own e-mail: every copy carries the same Message-ID.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { sql } from 'kysely';
import { CASE_TYPE_LABELS, type Contact } from '../domain/index.js';
import type { Executor } from '../db/client.js';
import type { DigestPart } from '../workflows/mailbox-messages.js';
import { renderDigestEmail } from './email/digest.js';
import { classifySmtpError, smtpErrorReason } from './email/transport.js';
import { contactCaseUrl } from './contact-link.js';
import { whileHeartbeating } from './heartbeat.js';
import { type EmailDeps, claimLogRows, claimer, emailItems, messageIdFor, smtpCode } from './send-case-email.js';

export interface SendDigestInput {
  /** The mailbox workflow's id (a keyed hash): for messages only. */
  mailboxId: string;
  parts: DigestPart[];
}

/** The parts' keys the relay refused for good (each case records it); empty when sent or nothing was left to send. */
export interface SendDigestResult {
  sent: number;
  refused: string[];
}

/** The same parts make the same key, and so the same Message-ID, on every attempt. */
export const digestKeyFor = (partKeys: string[]) =>
  `digest:${createHash('sha256').update([...partKeys].sort().join('\n')).digest('hex').slice(0, 24)}`;

export function createSendDigest({ db, transport, from, publicUrl, contactLinks }: EmailDeps) {
  return async function sendDigest(input: SendDigestInput): Promise<SendDigestResult> {
    return whileHeartbeating(() => send(input));
  };

  async function send(input: SendDigestInput): Promise<SendDigestResult> {
    const keys = input.parts.map((p) => p.key);
    if (keys.length === 0) return { sent: 0, refused: [] };
    // Claim every part not sent yet; a part held by a live attempt of another execution waits for it.
    const me = claimer();
    const claimed = new Set(await claimLogRows(db, keys, me));
    // Only while this attempt holds the claim: a late, given-up attempt must not undo a newer one's.
    const mine = (ex: Executor) =>
      ex
        .updateTable('email_log')
        .where('idempotencyKey', 'in', [...claimed])
        .where('status', '=', 'sending')
        .where('claimedBy', '=', me.by)
        .where('claimAttempt', '=', me.attempt);
    const unclaimed = keys.filter((k) => !claimed.has(k));
    if (unclaimed.length > 0) {
      const busy = await db.selectFrom('email_log').select('idempotencyKey').where('idempotencyKey', 'in', unclaimed).where('status', '=', 'sending').execute();
      if (busy.length > 0) {
        if (claimed.size > 0) await mine(db).set({ status: 'pending' }).execute();
        throw new Error(`Ett samlat utskick från ${input.mailboxId} skickas redan av ett annat försök`); // retried until that one finishes
      }
    }
    const parts = input.parts.filter((p) => claimed.has(p.key)); // the rest were sent or skipped already
    if (parts.length === 0) return { sent: 0, refused: [] };

    const rows = await db
      .selectFrom('cases')
      .select(['id', 'type', 'subject', 'payload', 'withoutAccount'])
      .where('id', 'in', parts.map((p) => p.caseId))
      .execute();
    const caseRow = (id: number) => rows.find((r) => r.id === id)!;
    const contact = (caseRow(parts[0]!.caseId).payload as { contact: Contact }).contact;
    // A "Kontakta oss" sender has no Mina sidor: their case's own signed link, as in its own e-mail.
    const caseUrl = (p: DigestPart) =>
      caseRow(p.caseId).withoutAccount && contactLinks
        ? contactCaseUrl(publicUrl, contactLinks, p.caseNumber)
        : `${publicUrl}/mina-sidor/arenden/${encodeURIComponent(p.caseNumber)}`;
    const caseIds = parts.map((p) => p.caseId);
    const allWithAccount = parts.every((p) => !caseRow(p.caseId).withoutAccount);
    const mail = await renderDigestEmail({
      recipientName: contact.name,
      overview: allWithAccount ? { url: `${publicUrl}/mina-sidor`, label: 'Gå till Mina sidor' } : { url: caseUrl(parts[0]!), label: 'Visa ärendet' },
      // A case that handed over more than once (a receipt, later a status change) is one section.
      cases: await Promise.all(
        [...new Set(caseIds)].map((id) => parts.filter((p) => p.caseId === id)).map(async (ofCase) => ({
          caseNumber: ofCase[0]!.caseNumber,
          caseTypeLabel: CASE_TYPE_LABELS[caseRow(ofCase[0]!.caseId).type],
          caseSubject: caseRow(ofCase[0]!.caseId).subject,
          caseUrl: caseUrl(ofCase[0]!),
          items: await emailItems(db, ofCase[0]!.caseId, ofCase.flatMap((p) => p.items)),
        })),
      ),
    });

    let messageId: string;
    try {
      const info = await transport.sendMail({
        from,
        to: contact.email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: messageIdFor(digestKeyFor(parts.map((p) => p.key))),
      });
      messageId = info.messageId;
    } catch (err) {
      const reason = smtpErrorReason(err);
      if (classifySmtpError(err) === 'transient') {
        await mine(db).set({ status: 'pending', error: reason }).execute();
        // The relay's reply may name the recipient: keep it out of Temporal, which stores failures in clear.
        throw ApplicationFailure.retryable(`SMTP-fel för ${input.mailboxId} (${smtpCode(err)}), försöker igen`, 'SmtpTransientError');
      }
      // Refused for good: each part's row says why, each case shows its handler; the mailbox tells each case.
      const failed = await db.transaction().execute(async (trx) => {
        const done = await mine(trx).set({ status: 'failed', error: reason, subject: mail.subject }).returning('caseId').execute();
        const flagged = done.map((r) => r.caseId);
        if (flagged.length > 0) await trx.updateTable('cases').set({ undeliveredEmailAt: sql`now()` }).where('id', 'in', flagged).execute();
        return done;
      });
      return { sent: 0, refused: failed.length > 0 ? parts.map((p) => p.key) : [] };
    }
    // One statement: the parts' rows, then their cases reachable again.
    await db
      .with('sent', (qb) =>
        qb
          .updateTable('email_log')
          .set({ status: 'sent', sentAt: new Date(), messageId, error: null, subject: mail.subject })
          .where('idempotencyKey', 'in', parts.map((p) => p.key))
          .returning('caseId'),
      )
      .updateTable('cases')
      .set({ undeliveredEmailAt: null })
      .where('id', 'in', (eb) => eb.selectFrom('sent').select('sent.caseId'))
      .where('undeliveredEmailAt', 'is not', null)
      .execute();
    return { sent: parts.length, refused: [] };
  }
}
