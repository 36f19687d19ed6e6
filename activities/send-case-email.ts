// Sends one (possibly merged) notification e-mail; the e-mail log's unique key makes retries safe.
import { ApplicationFailure } from '@temporalio/activity';
import { CASE_TYPE_LABELS, STATUS_LABELS, type Contact } from '../domain/index.js';
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
      .where('case_id', '=', input.caseId)
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
      .values({ idempotency_key: input.key, case_id: input.caseId, recipient: contact.email, subject: mail.subject, status })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .execute();
    const log = await db
      .selectFrom('email_log')
      .select('status')
      .where('idempotency_key', '=', input.key)
      .executeTakeFirstOrThrow();
    if (log.status === 'skipped') return 'opted-out';
    if (log.status === 'sent') return 'already-sent';

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
        .set({ status: 'sent', sent_at: new Date(), message_id: info.messageId, error: null })
        .where('idempotency_key', '=', input.key)
        .execute();
      return 'sent';
    } catch (err) {
      const permanent = classifySmtpError(err) === 'permanent';
      await db
        .updateTable('email_log')
        .set({ status: permanent ? 'failed' : 'pending', error: String((err as Error).message ?? err).slice(0, 500) })
        .where('idempotency_key', '=', input.key)
        .execute();
      if (permanent) throw ApplicationFailure.nonRetryable(`SMTP avvisade e-post för ${input.caseNumber}`, 'SmtpPermanentError');
      throw err;
    }
  };
}
