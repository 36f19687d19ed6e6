// The whole life of a SITHS order on real Postgres, Temporal and SMTP: submit → take → reply →
// request information → customer message → close.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseAssigneeSA, CaseStatusSA, CaseTypeSA } from '../workflows/search-attributes.js';
import { caseStateQuery } from '../workflows/messages.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { sithsOrder } from '../scripts/sample-cases.js';
import { recordHistory } from './helpers/record-history.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe('a SITHS order with three rows, from Inskickat to Avslutat', () => {
  it('runs through every step with timeline, Postgres rows and e-mail', async () => {
    const order = sithsOrder(h.customerEmail, 3);
    const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: order });
    expect(submitted.status).toBe(201);
    const caseNumber: string = submitted.json.caseNumber;
    expect(caseNumber).toMatch(/^KP-\d{4}-\d{5}$/);
    expect(submitted.json).toMatchObject({ status: 'submitted', statusLabel: 'Inskickat', message: 'Ditt ärende är nu inskickat.' });

    const [receipt] = await h.mailsTo(h.customerEmail, 1);
    expect(receipt!.subject).toBe(`Ditt ärende ${caseNumber} är nu inskickat`);
    expect(receipt!.text).toContain('Ditt ärende är nu inskickat');
    expect(receipt!.text).toContain('Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00');
    expect(receipt!.text).toContain(caseNumber);

    const take = await h.staffAction(caseNumber, 'take');
    expect(take.status).toBe(200);
    expect(take.json).toMatchObject({ status: 'in_progress', statusLabel: 'Under behandling', assigneeId: h.staffId });
    const taken = (await h.mailsTo(h.customerEmail, 2))[1]!;
    expect(taken.subject).toBe(`Ärende ${caseNumber} har fått status Under behandling`);
    expect(taken.text).toContain('från Inskickat till Under behandling');

    const reply = await h.staffAction(caseNumber, 'reply', { body: 'Korten är beställda. Hämtas på kortkontoret.' });
    expect(reply.json.status).toBe('in_progress');
    const replied = (await h.mailsTo(h.customerEmail, 3))[2]!;
    expect(replied.subject).toBe(`Nytt meddelande i ärende ${caseNumber}`);
    expect(replied.text).toContain('Korten är beställda.');

    const ask = await h.staffAction(caseNumber, 'request-info', { body: 'Vilken e-post ska rad två ha?' });
    expect(ask.json).toMatchObject({ status: 'awaiting_customer', statusLabel: 'Väntar på kund' });
    const asked = (await h.mailsTo(h.customerEmail, 4))[3]!;
    expect(asked.subject).toBe(`Uppdateringar i ärende ${caseNumber}`); // info request and status change, one e-mail
    expect(asked.text).toContain('Vilken e-post ska rad två ha?');
    expect(asked.text).toContain('till Väntar på kund');

    const answer = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, {
      token: h.customerToken,
      body: { body: 'Rad två: person2@exempel.se' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json.status).toBe('in_progress');
    const answered = (await h.mailsTo(h.customerEmail, 5))[4]!;
    expect(answered.subject).toBe(`Ärende ${caseNumber} har fått status Under behandling`);

    const note = await h.staffAction(caseNumber, 'note', { body: 'Intern: kontrollerat mot HSA.' });
    expect(note.status).toBe(200);

    const close = await h.staffAction(caseNumber, 'close', { resolution: 'Tre SITHS-kort beställda.' });
    expect(close.json).toMatchObject({ status: 'closed', statusLabel: 'Avslutat' });
    const closed = (await h.mailsTo(h.customerEmail, 6))[5]!;
    expect(closed.subject).toBe(`Ärende ${caseNumber} har fått status Avslutat`);
    expect(closed.text).toContain('från Under behandling till Avslutat');
    for (const m of await h.mailsTo(h.customerEmail, 6)) expect(m.to).toContain(h.customerEmail);

    // Timeline as the handler sees it: every step, the internal note included.
    const staffView = await h.api('GET', `/api/v1/staff/cases/${caseNumber}`, { token: h.staffToken });
    expect(staffView.json.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit', 'take', 'reply', 'request_info', 'customer_message', 'note', 'close',
    ]);
    expect(staffView.json.submission.rows).toHaveLength(3);
    expect(staffView.json.submission.rows[0].personnummer).toBe(order.rows[0]!.personnummer);

    // The customer sees no internal note and only masked personnummer.
    const customerView = await h.api('GET', `/api/v1/cases/${caseNumber}`, { token: h.customerToken });
    expect(customerView.json.timeline.map((e: { action: string }) => e.action)).not.toContain('note');
    expect(JSON.stringify(customerView.json)).not.toContain('Intern: kontrollerat');
    expect(customerView.json.submission.rows[0].personnummer).toBe('19900101-****');

    // Postgres rows.
    const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'closed', version: 7, assigneeId: h.staffId, resolution: 'Tre SITHS-kort beställda.' });
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(row.workflowStartedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(row.payload)).not.toMatch(/\d{12}/); // personnummer sealed at rest
    const messages = await h.db.selectFrom('case_messages').select(['visibility']).where('caseId', '=', row.id).execute();
    expect(messages.map((m) => m.visibility).sort()).toEqual(['internal', 'public', 'public', 'public']);
    const emails = await h.db.selectFrom('email_log').select(['status', 'subject']).where('caseId', '=', row.id).execute();
    expect(emails).toHaveLength(6);
    expect(emails.every((e) => e.status === 'sent')).toBe(true);
    const bell = await h.db.selectFrom('notifications').select('kind').where('caseId', '=', row.id).execute();
    expect(bell.map((n) => n.kind).sort()).toEqual(['info_request', 'message', 'received', 'status', 'status', 'status', 'status']);

    // Temporal: the workflow agrees and its search attributes carry no personal data.
    const handle = await h.caseWorkflow(caseNumber);
    expect(await handle.query(caseStateQuery)).toMatchObject({ status: 'closed', version: 7, pendingEmails: 0 });
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(CaseStatusSA)).toBe('closed');
    expect(description.typedSearchAttributes.get(CaseTypeSA)).toBe('siths_order');
    expect(description.typedSearchAttributes.get(CaseAssigneeSA)).toBe(String(h.staffId));
    const history = await recordHistory(handle, 'case-lifecycle');
    for (const r of order.rows) expect(history).not.toContain(r.personnummer);
    expect(history).not.toContain(order.contact.personnummer);
    expect(history).not.toContain('Korten är beställda'); // message texts travel encrypted
  });
});
