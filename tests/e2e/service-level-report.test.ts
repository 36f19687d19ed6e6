// The service-level report end to end, against the real API, worker, Temporal and Postgres: a case is
// submitted, answered and closed through its workflow, whose clocks feed the report; the API answers
// JSON and a CSV that a CSV parser reads back, refuses a bad period naming the field, and is for
// administrators only; in a real browser the page shows the chart and the table and passes axe-core
// (WCAG 2.1 A and AA). Screenshots go to test-results/screenshots.
import { parse } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { upsertStaff } from '../../db/people.js';
import { ensureAdminBuilt } from '../../scripts/build-admin.js';
import { personnummer, question } from '../../scripts/sample-cases.js';
import { CSV_HEADINGS, stockholmMonth } from '../../services/service-level-report.js';
import { type BackOfficeWorld, backOfficeWorld } from '../helpers/back-office.js';
import { type Harness, startHarness } from '../helpers/harness.js';
import { expectWcag21AA, launchChromium, screenshot } from './browser.js';

let h: Harness;
let w: BackOfficeWorld;
let browser: Browser;
let page: Page;
const admin = { personnummer: personnummer('19700513', 400 + (Date.now() % 500)), name: 'Rapport Admin' };
const month = stockholmMonth(new Date());

type Row = { id: string; received: number; closed: number; firstResponse: { count: number }; resolution: { count: number } };
const reportRow = async (id: string) => {
  const res = await w.asAdmin('GET', `/service-level-report?from=${month}&to=${month}`);
  expect(res.status).toBe(200);
  return (res.json as Row[]).find((r) => r.id === id)!;
};

beforeAll(async () => {
  await ensureAdminBuilt(() => {});
  h = await startHarness();
  w = await backOfficeWorld(h);
  await upsertStaff(h.db, { name: admin.name, email: `rapport.e2e.${Date.now()}@kundportal.local`, role: 'admin' }, { cipher: h.cipher, personnummer: admin.personnummer });
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm', viewport: { width: 1400, height: 900 }, bypassCSP: true })).newPage();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await h?.stop();
});

it('counts a case its workflow measured: received, answered and closed this month', async () => {
  const before = await reportRow(`order:${month}`);
  const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: { ...question(h.customerEmail), type: 'order', subject: 'Rapportens beställning' } });
  expect(submitted.status).toBe(201);
  const caseNumber = submitted.json.caseNumber as string;
  await expect.poll(async () => (await reportRow(`order:${month}`)).received, { timeout: 60_000, interval: 1000 }).toBe(before.received + 1);
  expect((await h.staffAction(caseNumber, 'reply', { body: 'Vi tittar på det.' })).status).toBe(200);
  expect((await h.staffAction(caseNumber, 'close', { resolution: 'Beställningen är klar.' })).status).toBe(200);
  await expect.poll(async () => (await reportRow(`order:${month}`)).closed, { timeout: 60_000, interval: 1000 }).toBe(before.closed + 1);
  const after = await reportRow(`order:${month}`);
  expect(after.firstResponse.count).toBe(before.firstResponse.count + 1);
  expect(after.resolution.count).toBe(before.resolution.count + 1);
}, 180_000);

it('exports CSV for Excel, refuses a bad period naming the field, and is for administrators only', async () => {
  const csv = await w.asAdmin('GET', `/service-level-report/csv?from=${month}&to=${month}&type=order`);
  expect(csv.status).toBe(200);
  expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(csv.headers.get('content-disposition')).toContain('attachment');
  const bytes = csv.body!;
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records: string[][] = parse(bytes.toString('utf8'), { bom: true, delimiter: ';' });
  expect(records).toEqual([CSV_HEADINGS, [month, 'Beställning', ...records[1]!.slice(2)]]);
  expect(Number(records[1]![2])).toBeGreaterThanOrEqual(1);

  for (const [query, field] of [['from=2026-13', 'from'], ['from=2026-11&to=2026-01', 'from'], ['from=2020-01&to=2026-11', 'to'], ['type=nonsense', 'type']] as const) {
    const res = await w.asAdmin('GET', `/service-level-report?${query}`);
    expect(res.status, query).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors.map((e: { field: string }) => e.field), query).toContain(field);
  }
  expect((await w.asHandler('GET', '/service-level-report')).status).toBe(403);
  expect((await w.asCustomer('GET', '/service-level-report')).status).toBe(403);
  expect((await w.anonymous('GET', '/service-level-report/csv')).status).toBe(401);
});

it('an administrator reads the report as a chart and a table, with no accessibility violation', async () => {
  await page.goto(`${h.baseUrl}/admin/`);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByLabel('BankID').check();
  await page.getByLabel('Personnummer').fill(admin.personnummer);
  await page.getByLabel('Namn').fill(admin.name);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL(`${h.baseUrl}/admin/**`);

  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('menuitem', { name: 'Servicenivårapport' }).click();
  await page.waitForURL('**/admin/service-level-report');
  const table = page.getByRole('table');
  await table.waitFor();
  await page.waitForLoadState('networkidle');
  const chart = page.getByRole('img', { name: /Andel inom målet per månad/ });
  await expect.poll(() => chart.count()).toBe(1);
  const monthRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Beställning', exact: true }) }).last();
  await expect.poll(async () => Number((await monthRow.getByRole('cell').nth(1).textContent())?.replace(/\s/g, ''))).toBeGreaterThanOrEqual(1);
  await screenshot(page, 'service-level-report');
  await expectWcag21AA(page, 'service-level report');

  await page.getByRole('combobox', { name: 'Ärendetyp' }).selectOption({ label: 'Beställning' });
  await expect.poll(() => page.getByRole('img', { name: /Andel inom målet per månad: Beställning/ }).count()).toBe(1);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Ladda ner som CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^servicenivaer-\d{4}-\d{2}-\d{4}-\d{2}-order\.csv$/);
  await expectWcag21AA(page, 'service-level report of one type');
}, 180_000);
