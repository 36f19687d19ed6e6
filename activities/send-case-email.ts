// Sends one (possibly merged) notification e-mail; the e-mail log's unique key makes retries safe.
// At-least-once at the SMTP boundary: a worker that dies after the relay accepted the message but
// before the log says 'sent' leaves it to be sent again, with the same Message-ID.
import { ApplicationFailure } from '@temporalio/activity';
import { ApplicationFailureCategory } from '@temporalio/common';
import { CASE_TYPE_LABELS, STATUS_LABELS, type Contact } from '../domain/index.js';
import { sql } from 'kysely';
import type { Db, Executor } from '../db/client.js';
import { EMAIL_REFUSED, type EmailItemRef } from '../workflows/messages.js';
import { type EmailItem, renderCaseEmail } from './email/render.js';
import { type SmtpTransport, classifySmtpError, smtpErrorReason } from './email/transport.js';
import { activityContext, whileHeartbeating } from './heartbeat.js';
import { type ContactLinkSettings, contactCaseUrl } from './contact-link.js';

export interface SendCaseEmailInput {
  caseId: number;
  caseNumber: string;
  key: string;
  items: EmailItemRef[];
}

export interface EmailDeps {
  db: Db;
  transport: SmtpTransport;
  from: string;
  publicUrl: string;
  /** Signs the link a "Kontakta oss" sender follows their case by (no account); unset, such cases link to Mina sidor. */
  contactLinks?: ContactLinkSettings;
}

export type SendResult = 'sent' | 'already-sent' | 'opted-out';

/**
 * A claim held by another activity execution (another run of the workflow) is stale after this:
 * longer than the send's start-to-close timeout, so its attempt has been given up on by then.
 * A later attempt of the same execution takes the claim over at once (see claimer()).
 */
const FOREIGN_CLAIM_TIMEOUT_S = 75;

/** Every copy of one notification carries the same Message-ID, derived from the e-mail log key. */
export const messageIdFor = (key: string) => `<${key.replaceAll(':', '.')}@kundportal>`;

/**
 * Who is sending: Temporal starts attempt n+1 of an activity only after giving up on attempt n
 * (failed, or silent past its heartbeat timeout), so a higher attempt of the same activity may take
 * over its claim. Called directly (tests) every call is the same claimer, and overlapping calls
 * exclude each other.
 */
export function claimer() {
  const info = activityContext()?.info;
  if (!info) return { by: 'direct', attempt: 1 };
  return { by: `${info.workflowExecution?.workflowId}/${info.workflowExecution?.runId}/${info.activityId}`, attempt: info.attempt };
}

/**
 * Claims the e-mail log rows this attempt may send: not sent yet, or held by an earlier attempt of
 * the same execution, or by another execution past FOREIGN_CLAIM_TIMEOUT_S. Returns their keys.
 */
export async function claimLogRows(db: Executor, keys: string[], me: ReturnType<typeof claimer>): Promise<string[]> {
  const rows = await db
    .updateTable('email_log')
    .set({ status: 'sending', claimedAt: sql`now()`, claimedBy: me.by, claimAttempt: me.attempt })
    .where('idempotencyKey', 'in', keys)
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['pending', 'failed']),
        eb.and([
          eb('status', '=', 'sending'),
          eb.or([
            eb.and([eb('claimedBy', '=', me.by), eb('claimAttempt', '<', me.attempt)]),
            eb('claimedAt', '<', sql<Date>`now() - ${sql.lit(`${FOREIGN_CLAIM_TIMEOUT_S} seconds`)}::interval`),
          ]),
        ]),
      ]),
    )
    .returning('idempotencyKey')
    .execute();
  return rows.map((r) => r.idempotencyKey);
}

export function createSendCaseEmail({ db, transport, from, publicUrl, contactLinks }: EmailDeps) {
  return async function sendCaseEmail(input: SendCaseEmailInput): Promise<SendResult> {
    return whileHeartbeating(() => send(input));
  };

  async function send(input: SendCaseEmailInput): Promise<SendResult> {
    const row = await db
      .selectFrom('cases')
      .select(['type', 'subject', 'payload', 'withoutAccount'])
      .where('id', '=', input.caseId)
      .executeTakeFirstOrThrow();
    const contact = (row.payload as { contact: Contact }).contact;
    const items = await emailItems(db, input.caseId, input.items);
    const mail = await renderCaseEmail({
      caseNumber: input.caseNumber,
      caseTypeLabel: CASE_TYPE_LABELS[row.type],
      caseSubject: row.subject,
      recipientName: contact.name,
      caseUrl:
        row.withoutAccount && contactLinks
          ? contactCaseUrl(publicUrl, contactLinks, input.caseNumber)
          : `${publicUrl}/mina-sidor/arenden/${encodeURIComponent(input.caseNumber)}`,
      withoutAccount: row.withoutAccount,
      items,
    });

    const status = contact.notifyByEmail ? 'pending' : 'skipped';
    await db
      .insertInto('email_log')
      .values({ idempotencyKey: input.key, caseId: input.caseId, recipient: contact.email, subject: mail.subject, status })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .execute();
    // Claim the send: of two overlapping attempts only one gets the row. A refused e-mail is tried
    // again only when a new run of the workflow asks for it (the same run never retries a refusal).
    const me = claimer();
    const claimed = (await claimLogRows(db, [input.key], me)).length > 0;
    if (!claimed) {
      const { status } = await db.selectFrom('email_log').select('status').where('idempotencyKey', '=', input.key).executeTakeFirstOrThrow();
      if (status === 'skipped') return 'opted-out';
      if (status === 'sent') return 'already-sent';
      throw new Error(`E-post ${input.key} skickas redan av ett annat försök`); // retried until that one finishes
    }
    // Only while this attempt holds the claim: a late, given-up attempt must not undo a newer one's.
    const release = (ex: Executor, status: 'pending' | 'failed', error: string) =>
      ex
        .updateTable('email_log')
        .set({ status, error })
        .where('idempotencyKey', '=', input.key)
        .where('status', '=', 'sending')
        .where('claimedBy', '=', me.by)
        .where('claimAttempt', '=', me.attempt)
        .executeTakeFirst();

    let messageId: string;
    try {
      const info = await transport.sendMail({
        from,
        to: contact.email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: messageIdFor(input.key),
      });
      messageId = info.messageId;
    } catch (err) {
      const reason = smtpErrorReason(err);
      if (classifySmtpError(err) === 'transient') {
        await release(db, 'pending', reason);
        // The relay's reply may name the recipient: keep it out of Temporal, which stores failures in clear.
        throw ApplicationFailure.retryable(`SMTP-fel för ${input.caseNumber} (${smtpCode(err)}), försöker igen`, 'SmtpTransientError');
      }
      // Refused for good: the log says why, and the case shows the handler its customer was not reached.
      await db.transaction().execute(async (trx) => {
        const failed = await release(trx, 'failed', reason);
        if (failed.numUpdatedRows > 0n) await trx.updateTable('cases').set({ undeliveredEmailAt: sql`now()` }).where('id', '=', input.caseId).execute();
      });
      throw ApplicationFailure.create({
        message: `SMTP avvisade e-post för ${input.caseNumber} (${smtpCode(err)})`,
        type: EMAIL_REFUSED,
        nonRetryable: true,
        // Expected, recorded and shown to the handler: not an error in the worker's log.
        category: ApplicationFailureCategory.BENIGN,
      });
    }
    // Delivered: the case's customer can be reached again. One statement: no transaction needed.
    await db
      .with('sent', (qb) =>
        qb.updateTable('email_log').set({ status: 'sent', sentAt: new Date(), messageId, error: null }).where('idempotencyKey', '=', input.key).returning('caseId'),
      )
      .updateTable('cases')
      .set({ undeliveredEmailAt: null })
      .where('id', 'in', (eb) => eb.selectFrom('sent').select('sent.caseId'))
      .where('undeliveredEmailAt', 'is not', null)
      .execute();
    return 'sent';
  }
}

/** What the customer reads for each reference: message bodies looked up in Postgres by version. */
export async function emailItems(db: Db, caseId: number, refs: EmailItemRef[]): Promise<EmailItem[]> {
  const withBody = refs.filter((i) => i.kind === 'message' || i.kind === 'info_request').map((i) => i.version);
  // A receipt or a status change quotes no message: no round trip.
  const messages =
    withBody.length === 0
      ? []
      : await db
          .selectFrom('case_messages')
          .select(['version', 'body'])
          .where('caseId', '=', caseId)
          .where('visibility', '=', 'public')
          .where('version', 'in', withBody)
          .execute();
  const bodyOf = (version: number) => messages.find((m) => m.version === version)?.body ?? '';
  return refs.map((i): EmailItem => {
    switch (i.kind) {
      case 'received':
        return { kind: 'received' };
      case 'status':
        return { kind: 'status', from: STATUS_LABELS[i.from], to: STATUS_LABELS[i.to] };
      case 'message':
        return { kind: 'message', body: bodyOf(i.version) };
      case 'info_request':
        return { kind: 'info_request', body: bodyOf(i.version) };
      case 'reminder':
        return { kind: 'reminder', ...(i.closesAt ? { closesAt: i.closesAt } : {}) };
      case 'auto_closed':
        return { kind: 'auto_closed' };
    }
  });
}

/** The reply code or error code, without the reply text (which may hold the address). */
export function smtpCode(err: unknown): string {
  const { responseCode, code } = (typeof err === 'object' && err !== null ? err : {}) as { responseCode?: unknown; code?: unknown };
  return [responseCode, code].filter((x) => x !== undefined).join(' ') || 'okänt fel';
}
