// E-mail triggered outside business hours is held on a durable timer and leaves, merged, at the opening.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseStateQuery } from '../workflows/messages.js';
import { type Harness, sleep, startHarness } from './helpers/harness.js';
import { question } from '../scripts/sample-cases.js';
import { recordHistory } from './helpers/record-history.js';
import { mailboxIdFor } from '../activities/hold-for-digest.js';
import { loadConfig } from '../config/index.js';
import { mailboxQuery } from '../workflows/mailbox-messages.js';
import { windowFrom } from '../scripts/opening-window.js';

const OPENS_IN_MS = 15_000;

let h: Harness;
let opensAt: Date;
beforeAll(async () => {
  // A window that opens a few seconds from now, on any day: the test runs at any hour.
  opensAt = new Date(Math.ceil((Date.now() + OPENS_IN_MS) / 1000) * 1000);
  h = await startHarness({ calendar: windowFrom(opensAt, 0.5) });
});
afterAll(() => h?.stop());

it('holds the receipt and a status change while closed and sends them as one e-mail at the opening', async () => {
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: question(h.customerEmail) });
  expect(submitted.status).toBe(201);
  const caseNumber = submitted.json.caseNumber as string;
  const take = await h.staffAction(caseNumber, 'take');
  expect(take.json.status).toBe('in_progress');

  // Still closed: both notifications wait in the customer's mailbox workflow (tests/recipient-digests.test.ts);
  // the bell has them already; nothing sent.
  expect(Date.now()).toBeLessThan(opensAt.getTime());
  const handle = await h.caseWorkflow(caseNumber);
  const mailbox = h.temporal.workflow.getHandle(mailboxIdFor(loadConfig().PNR_HASH_KEY, h.customerEmail));
  for (const deadline = Date.now() + 5_000; (await handle.query(caseStateQuery)).pendingEmails > 0 && Date.now() < deadline; ) await sleep(100);
  expect((await handle.query(caseStateQuery)).pendingEmails).toBe(0);
  expect((await mailbox.query(mailboxQuery)).cases).toBe(1);
  const row = await h.db.selectFrom('cases').select('id').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  const bell = await h.db.selectFrom('notifications').select('kind').where('caseId', '=', row.id).execute();
  expect(bell.map((b) => b.kind).sort()).toEqual(['received', 'status']);
  expect(h.mail.messages.filter((m) => m.to.includes(h.customerEmail))).toHaveLength(0);

  const [mail] = await h.mailsTo(h.customerEmail, 1, OPENS_IN_MS + 15_000);
  const arrived = Date.now();
  expect(arrived).toBeGreaterThanOrEqual(opensAt.getTime());
  expect(arrived - opensAt.getTime()).toBeLessThan(5_000);
  expect(mail!.subject).toBe(`Uppdateringar i ärende ${caseNumber}`);
  expect(mail!.text).toContain('Ditt ärende är nu inskickat');
  expect(mail!.text).toContain('från Inskickat till Under behandling');

  await new Promise((r) => setTimeout(r, 1_000));
  expect(h.mail.messages.filter((m) => m.to.includes(h.customerEmail))).toHaveLength(1);
  expect((await handle.query(caseStateQuery)).pendingEmails).toBe(0);
  await recordHistory(handle, 'held-email');
});
