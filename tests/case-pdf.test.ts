// The case as PDF over the API: case number, fields, SITHS rows, masking, Swedish letters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertCustomerAccount } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import { personnummer, sithsOrder } from '../scripts/sample-cases.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { pdfText } from './helpers/pdf-text.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.db.updateTable('customer_accounts').set({ canOrder: true, updatedAt: new Date() }).where('id', '=', h.accountId).execute();
});
afterAll(() => h?.stop());

it('the PDF holds the case, every field and the public messages, with others’ personnummer masked', async () => {
  const order = sithsOrder(h.customerEmail, 3);
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: order });
  expect(submitted.status).toBe(201);
  const { caseNumber } = submitted.json;
  await h.staffAction(caseNumber, 'reply', { body: 'Korten är beställda. Hämtas på kortkontoret i Göteborg – välkommen!' });
  await h.staffAction(caseNumber, 'note', { body: 'Intern: kontrollera medarbetaruppdrag' });

  const res = await h.api('GET', `/api/v1/cases/${caseNumber}/pdf`, { token: h.customerToken });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${caseNumber}.pdf"`);
  // Table cells wrap: compare with whitespace collapsed.
  const text = (await pdfText(res.body!)).replace(/\s+/g, ' ');

  expect(text).toContain(caseNumber);
  expect(text).toContain('Beställning av SITHS-kort');
  expect(text).toContain('Under behandling');
  for (const value of ['Region Exempel', '556016-0680', 'Vårdcentralen Åby', 'Åsa Öberg', h.customerEmail, 'Stockholm – Kortkontoret City']) {
    expect(text).toContain(value);
  }
  for (const row of order.rows) {
    expect(text).toContain(row.name); // "Person Ärlig 1"…
    expect(text).toContain(row.email);
    expect(text).toContain(`${row.personnummer.slice(0, 8)}-****`);
    expect(text).not.toContain(row.personnummer.slice(8));
  }
  // The reader's own number (the contact block's) in full; å ä ö intact.
  expect(text).toContain('19850709-9805');
  expect(text).toContain('Korten är beställda. Hämtas på kortkontoret i Göteborg – välkommen!');
  expect(text).not.toContain('Intern: kontrollera');

  // Another reader (an organisation colleague who is local administrator) sees the contact number masked.
  const colleague = await upsertCustomerAccount(h.db, h.cipher, {
    organisationId: h.organisationId,
    personnummer: personnummer('19660606', 77),
    name: 'Östen Ärlemark',
    email: `osten.${Date.now()}@exempel.se`,
    isLocalAdmin: true,
  });
  const asColleague = await h.api('GET', `/api/v1/cases/${caseNumber}/pdf`, { token: await createApiToken(h.db, { customerAccountId: colleague }, 'test') });
  const colleagueText = await pdfText(asColleague.body!);
  expect(colleagueText).toContain('19850709-****');
  expect(colleagueText).not.toContain('19850709-9805');
});
