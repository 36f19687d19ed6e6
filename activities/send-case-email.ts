// Sends one (possibly merged) notification e-mail; the e-mail log's unique key makes retries safe.
import { ApplicationFailure } from '@temporalio/activity';
import { CASE_TYPE_LABELS, STATUS_LABELS, type Contact } from '../domain/index.js';
import { sql } from 'kysely';
import type { Db } from '../db/client.js';
import type { EmailItemRef } from '../workflows/messages.js';
import { type EmailItem, renderCaseEmail } from './email/render.js';
import { type SmtpTransport, classifySmtpError } from './email/transport.js';

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
}

export type SendResult = 'sent' | 'already-sent' | 'opted-out';

/** Longer than the activity's start-to-close timeout: a claim older than this belongs to a dead attempt. */
const CLAIM_TIMEOUT_S = 120;

export function createSendCaseEmail({ db, transport, from, publicUrl }: EmailDeps) {
  return async function sendCaseEmail(input: SendCaseEmailInput): Promise<SendResult> {
    const row = await db
      .selectFrom('cases')
      .select(['type', 'subject', 'payload'])
      .where('id', '=', input.caseId)
      .executeTakeFirstOrThrow();
    const contact = (row.payload as { contact: Contact }).contact;
    const messages = await db
      .selectFrom('case_messages')
      .select(['version', 'body'])
      .where('caseId', '=', input.caseId)
      .where('visibility', '=', 'public')
      .where('version', 'in', input.items.map((i) => i.version))
      .execute();
    const bodyOf = (version: number) => messages.find((m) => m.version === version)?.body ?? '';

    const items: EmailItem[] = input.items.map((i) => {
      switch (i.kind) {
        case 'received':
          return { kind: 'received' };
        case 'status':
          return { kind: 'status', from: STATUS_LABELS[i.from], to: STATUS_LABELS[i.to] };
        case 'message':
          return { kind: 'message', body: bodyOf(i.version) };
        case 'info_request':
          return { kind: 'info_request', body: bodyOf(i.version) };
      }
    });
    const mail = await renderCaseEmail({
      caseNumber: input.caseNumber,
      caseTypeLabel: CASE_TYPE_LABELS[row.type],
      caseSubject: row.subject,
      recipientName: contact.name,
      caseUrl: `${publicUrl}/mina-sidor/arenden/${encodeURIComponent(input.caseNumber)}`,
      items,
    });

    const status = contact.notifyByEmail ? 'pending' : 'skipped';
    await db
      .insertInto('email_log')
      .values({ idempotencyKey: input.key, caseId: input.caseId, recipient: contact.email, subject: mail.subject, status })
      .onConflict((oc) => oc.column('idempotencyKey').doNothing())
      .execute();
    // Claim the send: of two overlapping attempts (a retry after a timeout) only one gets the row.
    const claimed = await db
      .updateTable('email_log')
      .set({ status: 'sending', claimedAt: sql`now()` })
      .where('idempotencyKey', '=', input.key)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'sending'), eb('claimedAt', '<', sql<Date>`now() - ${sql.lit(`${CLAIM_TIMEOUT_S} seconds`)}::interval`)]),
        ]),
      )
      .returning('id')
      .executeTakeFirst();
    if (!claimed) {
      const { status } = await db.selectFrom('email_log').select('status').where('idempotencyKey', '=', input.key).executeTakeFirstOrThrow();
      if (status === 'skipped') return 'opted-out';
      if (status === 'sent') return 'already-sent';
      if (status === 'failed') throw ApplicationFailure.nonRetryable(`E-post för ${input.caseNumber} avvisades tidigare`, 'SmtpPermanentError');
      throw new Error(`E-post ${input.key} skickas redan av ett annat försök`); // retried until that one finishes
    }

    try {
      const info = await transport.sendMail({
        from,
        to: contact.email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: `<${input.key.replaceAll(':', '.')}@kundportal>`,
      });
      await db
        .updateTable('email_log')
        .set({ status: 'sent', sentAt: new Date(), messageId: info.messageId, error: null })
        .where('idempotencyKey', '=', input.key)
        .execute();
      return 'sent';
    } catch (err) {
      const permanent = classifySmtpError(err) === 'permanent';
      await db
        .updateTable('email_log')
        .set({ status: permanent ? 'failed' : 'pending', error: String((err as Error).message ?? err).slice(0, 500) })
        .where('idempotencyKey', '=', input.key)
        .execute();
      if (permanent) throw ApplicationFailure.nonRetryable(`SMTP avvisade e-post för ${input.caseNumber}`, 'SmtpPermanentError');
      throw err;
    }
  };
}
