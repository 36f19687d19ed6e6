// A service-level warning: a notification in the back office and an e-mail to the case's handler, or to
// every active staff member while nobody has the case. One row per recipient and warning (its dedupe
// key) makes a retry notify and e-mail nobody twice; at least once at the SMTP boundary, with the same
// Message-ID on every copy. The workflow raises warnings only while the office is open.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client.js';
import { type ClockName, type Threshold, warningText } from '../domain/service-levels.js';
import { type SmtpTransport, classifySmtpError, smtpErrorReason } from './email/transport.js';
import { whileHeartbeating } from './heartbeat.js';

export interface WarningInput {
  caseId: number;
  caseNumber: string;
  clock: ClockName;
  threshold: Threshold;
  targetMinutes: number;
  assigneeId: number | null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createRaiseServiceLevelWarning(deps: { db: Db; transport: SmtpTransport; from: string; publicUrl: string }) {
  const { db, transport, from, publicUrl } = deps;

  /** The assignee while they are active; otherwise everyone who works cases. */
  async function recipients(assigneeId: number | null): Promise<number[]> {
    const active = db.selectFrom('staff').select('id').where('active', '=', true);
    if (assigneeId !== null) {
      const assignee = await active.where('id', '=', assigneeId).execute();
      if (assignee.length > 0) return [assigneeId];
    }
    return (await active.orderBy('id').execute()).map((s) => s.id);
  }

  return async function raiseServiceLevelWarning(w: WarningInput): Promise<{ notified: number; emailed: number }> {
    return whileHeartbeating(async () => {
      const kind = w.threshold === 'warning' ? 'sla_warning' : 'sla_breach';
      const { title, body } = warningText(w.caseNumber, w.clock, w.threshold, w.targetMinutes);
      const prefix = `${w.caseNumber}:sla:${w.clock}:${w.threshold}:`;
      const staff = await recipients(w.assigneeId);
      if (staff.length > 0) {
        await db
          .insertInto('staff_notifications')
          .values(staff.map((staffId) => ({ dedupeKey: `${prefix}${staffId}`, staffId, caseId: w.caseId, kind, clock: w.clock, title, body })))
          .onConflict((oc) => oc.column('dedupeKey').doNothing())
          .execute();
      }
      // Every notification of this warning still without its e-mail, whoever it went to.
      const unsent = await db
        .selectFrom('staff_notifications as n')
        .innerJoin('staff as s', 's.id', 'n.staffId')
        .select(['n.id', 'n.dedupeKey', 's.email'])
        .where('n.caseId', '=', w.caseId)
        .where('n.kind', '=', kind)
        .where('n.clock', '=', w.clock)
        .where('n.emailSentAt', 'is', null)
        .where('n.emailError', 'is', null)
        .execute();
      const caseUrl = `${publicUrl}/admin/cases/${encodeURIComponent(w.caseNumber)}/show`;
      let emailed = 0;
      for (const n of unsent) {
        try {
          await transport.sendMail({
            from,
            to: n.email,
            subject: title,
            text: `${body}\n\nÖppna ärendet: ${caseUrl}\n`,
            html: `<p>${escapeHtml(body)}</p><p><a href="${escapeHtml(caseUrl)}">Öppna ärende ${escapeHtml(w.caseNumber)}</a></p>`,
            messageId: `<${n.dedupeKey.replaceAll(':', '.')}@kundportal>`,
          });
        } catch (err) {
          if (classifySmtpError(err) === 'transient') {
            throw ApplicationFailure.retryable(`SMTP-fel för varning i ${w.caseNumber}, försöker igen`, 'SmtpTransientError');
          }
          // Refused for good: the notification in the back office still reaches them.
          await db.updateTable('staff_notifications').set({ emailError: smtpErrorReason(err) }).where('id', '=', n.id).execute();
          continue;
        }
        await db.updateTable('staff_notifications').set({ emailSentAt: new Date() }).where('id', '=', n.id).execute();
        emailed++;
      }
      return { notified: staff.length, emailed };
    });
  };
}
