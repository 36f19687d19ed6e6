// The workflow refuses illegal moves with a reason, also once a closed case's workflow has completed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaseAction } from '../temporal/case-actions.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { question } from '../scripts/sample-cases.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ closedRetentionMs: 1_000 });
});
afterAll(() => h?.stop());

async function submit() {
  const res = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(h.customerEmail) });
  expect(res.status).toBe(201);
  return res.json.caseNumber as string;
}

const versionOf = async (caseNumber: string) =>
  (await h.db.selectFrom('cases').select('version').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow()).version;

describe('illegal actions', () => {
  it('refuses closing a closed case, and writes nothing', async () => {
    const caseNumber = await submit();
    expect((await h.staffAction(caseNumber, 'close', { resolution: 'Besvarad.' })).status).toBe(200);
    const before = await versionOf(caseNumber);
    const again = await h.staffAction(caseNumber, 'close', { resolution: 'Igen.' });
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json.detail).toBe('Ärendet är redan avslutat.');
    expect(await versionOf(caseNumber)).toBe(before);
  });

  it('refuses replying to a case the customer withdrew', async () => {
    const caseNumber = await submit();
    const withdrawn = await h.api('POST', `/api/v1/cases/${caseNumber}/withdraw`, { token: h.customerToken, body: { reason: 'Löst själv.' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.status).toBe('closed');
    const reply = await h.staffAction(caseNumber, 'reply', { body: 'Hej!' });
    expect(reply.status).toBe(409);
    expect(reply.json.detail).toContain('kan inte besvaras');
    const message = await h.api('POST', `/api/v1/cases/${caseNumber}/messages`, { token: h.customerToken, body: { body: 'Hallå?' } });
    expect(message.status).toBe(409);
    const row = await h.db.selectFrom('cases').select(['resolution', 'status']).where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', resolution: 'Återkallat av kunden: Löst själv.' });
  });

  it('refuses reopening an open case and taking a closed one', async () => {
    const caseNumber = await submit();
    const reopen = await h.staffAction(caseNumber, 'reopen');
    expect(reopen.status).toBe(409);
    expect(reopen.json.detail).toMatch(/avslutat/i);
    await h.staffAction(caseNumber, 'close', { resolution: 'Klart.' });
    const take = await h.staffAction(caseNumber, 'take');
    expect(take.status).toBe(409);
    expect(take.json.detail).toContain('Återöppna det först');
  });

  it('after the workflow of a closed case completed: refuses a reply, reopens through a new run', async () => {
    const caseNumber = await submit();
    await h.staffAction(caseNumber, 'close', { resolution: 'Klart.' });
    const handle = await h.caseWorkflow(caseNumber);
    await handle.result(); // completes after closedRetentionMs
    const reply = await h.staffAction(caseNumber, 'reply', { body: 'Hej!' });
    expect(reply.status).toBe(409);
    expect(reply.json.detail).toContain('kan inte besvaras');

    const reopened = await h.staffAction(caseNumber, 'reopen');
    expect(reopened.status).toBe(200);
    expect(reopened.json).toMatchObject({ status: 'in_progress', statusLabel: 'Under behandling' });
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const answer = await h.staffAction(caseNumber, 'reply', { body: 'Vi tittar igen.' });
    expect(answer.status).toBe(200);
    // The new run's e-mail is not mistaken for one the first run already sent.
    const subjects = () => h.mail.messages.map((m) => m.subject);
    await expect.poll(subjects, { timeout: 10_000 }).toContain(`Nytt meddelande i ärende ${caseNumber}`);
    expect(subjects()).toContain(`Ärende ${caseNumber} har fått status Under behandling`);
    const timeline = await h.api('GET', `/api/v1/staff/cases/${caseNumber}`, { token: h.staffToken });
    expect(timeline.json.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'close', 'reopen', 'reply']);
  });

  it('answers a repeated request (same Idempotency-Key) once', async () => {
    const caseNumber = await submit();
    const headers = { 'Idempotency-Key': `reply-${caseNumber}` };
    const first = await h.api('POST', `/api/v1/staff/cases/${caseNumber}/actions/reply`, { token: h.staffToken, body: { body: 'Ett svar.' }, headers });
    const second = await h.api('POST', `/api/v1/staff/cases/${caseNumber}/actions/reply`, { token: h.staffToken, body: { body: 'Ett svar.' }, headers });
    expect(first.status).toBe(200);
    expect(second.json).toEqual(first.json);
    const messages = await h.db
      .selectFrom('case_messages as m')
      .innerJoin('cases as c', 'c.id', 'm.caseId')
      .select('m.body')
      .where('c.caseNumber', '=', caseNumber)
      .execute();
    expect(messages).toHaveLength(1);
  });
});

describe('a transition Postgres refuses', () => {
  it('is refused by the workflow with a reason and leaves the case usable', async () => {
    const caseNumber = await submit();
    const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    // Straight to the workflow, past the API's check: an assignee that does not exist breaks the foreign key.
    const outcome = await runCaseAction(h.temporal, h.workflow, row, 'assign', {
      requestId: `bad-assign-${caseNumber}`,
      actor: { type: 'staff', id: h.staffId },
      assigneeId: 987_654_321,
    });
    expect(outcome).toEqual({ state: 'refused', reason: 'Åtgärden kunde inte sparas. Kontrollera uppgifterna och försök igen.' });
    expect(await versionOf(caseNumber)).toBe(1);
    const take = await h.staffAction(caseNumber, 'take');
    expect(take.json).toMatchObject({ status: 'in_progress', version: 2 });
  });
});
