// Beskriv ärendet over plain HTTP, as a browser without JavaScript sends it: every case type is
// submitted through the form and lands on its receipt with one case in Postgres; a resent form gives
// one case; SITHS rows are added and removed by the form's own buttons, keeping what was typed and
// writing nothing, at most 50; bad input comes back as a 400 with an error summary linking to each
// field and writes nothing; orders are not offered, and refused, without the right to order; a form
// without this session's CSRF token writes nothing; only the case's owner sees its receipt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomerAccount, upsertOrganisation } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import type { CaseSubmission } from '../domain/index.js';
import { ORDER_RIGHT_REQUIRED, SITHS_MAX_ROWS } from '../domain/index.js';
import { PICKUP_OFFICE, organisationsnummer, personnummer, question } from '../scripts/sample-cases.js';
import { type BrowserSession, logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { loginableCustomer } from './helpers/portal-customer.js';

let h: Harness;
let asa: BrowserSession;

const FORM = '/mina-sidor/nytt-arende';

beforeAll(async () => {
  h = await startHarness();
  asa = await logInWithELegitimation(h.baseUrl, await loginableCustomer(h, '19850709'));
});
afterAll(() => h?.stop());

/** The cases this customer has reported: what a submission adds to, and bad input must not. */
async function countCases() {
  const { n } = await h.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('reporterId', '=', h.accountId).executeTakeFirstOrThrow();
  return Number(n);
}

async function openSubmission(caseNumber: string) {
  const row = await h.db.selectFrom('cases').select('payload').where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
  return h.cipher.openSubmission(row.payload) as CaseSubmission;
}

/** The value of the input named `name` on the page, in whichever order its attributes come. */
function valueOf(html: string, name: string) {
  const tag = new RegExp(`<input[^>]*\\sname="${name.replace(/\./g, '\\.')}"[^>]*>`).exec(html)?.[0];
  return tag && /\svalue="([^"]*)"/.exec(tag)?.[1];
}

/** The form of a type as the page gives it: its hidden fields and the prefilled contact block. */
async function formOf(type: string) {
  const res = await asa.send('GET', `${FORM}?typ=${type}`);
  const html = await res.text();
  expect(res.status, html).toBe(200);
  const hidden = (name: string) => valueOf(html, name);
  return {
    html,
    fields: {
      csrf: hidden('csrf')!,
      nyckel: hidden('nyckel')!,
      type: hidden('type')!,
      'contact.unitName': hidden('contact.unitName') ?? '',
      'contact.name': hidden('contact.name')!,
      'contact.email': hidden('contact.email')!,
      'contact.notifyByEmail': 'ja',
    } as Record<string, string>,
  };
}

const row = (i: number, r: Partial<Record<'name' | 'personnummer' | 'email' | 'otherInfo' | 'pickupOffice' | 'ownCardOffice', string>> = {}) => {
  const values = {
    name: `Person Rad ${i + 1}`,
    personnummer: personnummer('19900101', 200 + i),
    email: `rad${i + 1}@exempel.se`,
    otherInfo: '',
    ...(i % 2 === 0 ? { pickupOffice: PICKUP_OFFICE } : { ownCardOffice: 'ja' }),
    ...r,
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [`rows.${i}.${k}`, v]));
};
const rows = (n: number) => Object.assign({}, ...Array.from({ length: n }, (_, i) => row(i)));

function expectStrictPage(res: { status: number; headers: Headers }, html: string) {
  expect(res.headers.get('content-security-policy') ?? '').not.toContain('unsafe-inline');
  expect(html).toMatch(/^<!doctype html>/);
  // Scripts only as files of our own; no inline script, style or handler.
  expect(html.replace(/<script src="\/assets\/portal\/[\w-]+\.js" defer=""><\/script>/g, '')).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
}

/** Every link of the error summary goes to an element on the page. */
function expectSummaryLinksResolve(html: string) {
  const summary = /<div class="ds-error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  expect(targets.length).toBeGreaterThan(0);
  for (const id of targets) expect(html, `#${id}`).toContain(` id="${id}"`);
  return targets;
}

describe('Beskriv ärendet', () => {
  it('is linked from Mina sidor; the first step offers every type as a radio group; Fortsätt without a choice says so', async () => {
    const mina = await (await asa.send('GET', '/mina-sidor')).text();
    expect(mina).toContain(`href="${FORM}"`);
    expect(mina).toContain('Skicka in nytt ärende');

    const res = await asa.send('GET', FORM);
    const html = await res.text();
    expect(res.status).toBe(200);
    expectStrictPage(res, html);
    expect(html).toContain('<title>Beskriv ärendet – Kundportal</title>');
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>Vad gäller ärendet\?<\/legend>/);
    for (const type of ['question', 'fault_report', 'improvement', 'order', 'siths_order', 'other']) expect(html).toContain(`name="typ" value="${type}"`);
    expect(html).not.toContain('method="post" action="/mina-sidor/nytt-arende"');
    expect(html).toContain('Fortsätt');

    const none = await asa.send('GET', `${FORM}?steg=2`);
    const noneHtml = await none.text();
    expect(none.status).toBe(400);
    expect(noneHtml).toContain('<title>Fel: 1 uppgift behöver rättas – Beskriv ärendet – Kundportal</title>');
    expect(expectSummaryLinksResolve(noneHtml)).toEqual(['falt-type']);
    expect((await asa.send('GET', `${FORM}?typ=inte-en-typ`)).status).toBe(400);
  });

  it('a type shows its own fields and the contact block prefilled from Mina uppgifter', async () => {
    const { html } = await formOf('siths_order');
    expect(html).toContain('name="type" value="siths_order"');
    expect(valueOf(html, 'contact.name')).toBe('Åsa Öberg');
    expect(html).toContain(`value="${h.customerEmail}"`);
    expect(html).toContain('id="falt-contact.notifyByEmail" name="contact.notifyByEmail" value="ja" checked=""');
    // The seed's table: its columns, one row, each input named with its row number.
    for (const header of ['För- och efternamn', 'Personnummer (ÅÅÅÅMMDDXXXX)', 'E-postadress', 'Övrig information', 'Vilket kortutlämningskontor ska SITHS-kortet hämtas ut på?', 'Eget kortkontor']) {
      expect(html).toContain(`<th scope="col">${header}`);
    }
    expect(html).toContain('<option value="">Välj ett alternativ</option>');
    expect(html).toMatch(/<label class="ds-label kp-siths__label" for="falt-rows\.0\.personnummer">Personnummer<span class="ds-sr-only">, rad <span data-row-number="true">1<\/span><\/span>/);
    expect(html).toContain('name="rad" value="lagg-till"');
    const q = (await formOf('question')).html;
    for (const name of ['subject', 'description', 'service']) expect(q).toContain(`name="${name}"`);
    expect(q).not.toContain('data-siths-rows');
    expect((await formOf('other')).html).not.toContain('name="service"');
  });

  it('each case type is submitted, lands on its receipt and is one case in Postgres', async () => {
    const texts: Record<string, Record<string, string>> = {
      question: { subject: 'Fråga om inloggning', description: 'Hur loggar vi in?', service: 'SITHS eID' },
      fault_report: { subject: 'Kortläsaren fungerar inte', description: 'Den blinkar rött.', service: '' },
      improvement: { subject: 'Visa ärendenumret större', description: 'Det syns dåligt.', service: 'Kundportal' },
      order: { subject: 'Beställning av läsare', description: 'Tio kortläsare.', service: 'SITHS' },
      other: { subject: 'Medarbetaruppdrag', description: 'Flera personer på olika enheter.' },
      siths_order: { subject: '', ...rows(3) },
    };
    for (const [type, fields] of Object.entries(texts)) {
      const before = await countCases();
      const form = await formOf(type);
      const res = await asa.postForm(FORM, { ...form.fields, ...fields });
      expect(res.status, `${type}: ${res.status === 200 || res.status === 400 ? await res.text() : ''}`).toBe(303);
      const location = res.headers.get('location')!;
      const caseNumber = /^\/mina-sidor\/arenden\/(KP-\d{4}-\d{5})\/kvitto$/.exec(location)?.[1];
      expect(caseNumber, location).toBeDefined();
      expect(await countCases()).toBe(before + 1);

      const receipt = await asa.send('GET', location);
      const html = await receipt.text();
      expect(receipt.status).toBe(200);
      expectStrictPage(receipt, html);
      expect(html).toContain('<span class="kp-receipt__mark" aria-hidden="true">✔ </span>Ditt ärende är nu inskickat.');
      expect(html).toContain('Tack, ditt ärende är nu registrerat! Vi kommer att hantera det så snart som möjligt. Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.');
      expect(html).toContain(`<dd>${caseNumber}</dd>`);
      expect(html).toContain(`href="/mina-sidor/arenden/${caseNumber}">Visa detaljer</a>`);
      expect(html).toContain(`href="/mina-sidor/arenden/${caseNumber}/pdf">Ladda ner som PDF</a>`);

      const stored = await openSubmission(caseNumber!);
      expect(stored.type).toBe(type);
      expect(stored.contact).toMatchObject({ name: 'Åsa Öberg', email: h.customerEmail, organisationsnummer: '556016-0680', notifyByEmail: true });
      if (stored.type === 'siths_order') {
        expect(stored.subject).toBe('Beställning av SITHS-kort');
        expect(stored.rows.map((r) => r.name)).toEqual(['Person Rad 1', 'Person Rad 2', 'Person Rad 3']);
        expect(stored.rows[0]).toMatchObject({ personnummer: personnummer('19900101', 200), pickupOffice: PICKUP_OFFICE });
        expect(stored.rows[1]).toMatchObject({ ownCardOffice: true });
        expect(stored.rows[1]!.pickupOffice).toBeUndefined();
      } else {
        expect(stored).toMatchObject({ subject: fields.subject, description: fields.description });
      }
    }
  });

  it('the contact block may be changed for this case only', async () => {
    const form = await formOf('question');
    const res = await asa.postForm(FORM, {
      ...form.fields,
      'contact.name': 'Åsa Ö. Öberg',
      'contact.email': 'asa.annan@exempel.se',
      'contact.unitName': 'Vårdcentralen Byn',
      'contact.notifyByEmail': '',
      subject: 'Annan kontakt',
      description: 'Svara till min andra adress.',
    });
    expect(res.status).toBe(303);
    const caseNumber = /KP-\d{4}-\d{5}/.exec(res.headers.get('location')!)![0];
    expect((await openSubmission(caseNumber)).contact).toMatchObject({ name: 'Åsa Ö. Öberg', email: 'asa.annan@exempel.se', unitName: 'Vårdcentralen Byn', notifyByEmail: false });
    const me = await asa.api('GET', '/api/v1/me');
    expect(me.json).toMatchObject({ name: 'Åsa Öberg', email: h.customerEmail });
  });

  it('a resent form, or a double click, gives one case; the same key with other content submits nothing', async () => {
    const form = await formOf('fault_report');
    const fields = { ...form.fields, subject: 'Skickas två gånger', description: 'Dubbelklick.', service: '' };
    const before = await countCases();
    const [first, second] = await Promise.all([asa.postForm(FORM, fields), asa.postForm(FORM, fields)]);
    const third = await asa.postForm(FORM, fields);
    for (const res of [first, second, third]) expect(res.status).toBe(303);
    expect(new Set([first, second, third].map((r) => r.headers.get('location'))).size).toBe(1);
    expect(await countCases()).toBe(before + 1);

    const changed = await asa.postForm(FORM, { ...fields, description: 'Något annat.' });
    expect(changed.status).toBe(400);
    expect(await changed.text()).toContain('Formuläret är redan inskickat');
    expect(await countCases()).toBe(before + 1);
  });

  it('SITHS rows are added and removed by the form’s own buttons, keeping what was typed and writing nothing', async () => {
    const form = await formOf('siths_order');
    const before = await countCases();
    const typed = { ...form.fields, subject: 'Kort till nya', ...rows(2), 'rows.1.otherInfo': 'Börjar i maj', 'contact.name': 'Åsa Ändrad' };
    const added = await asa.postForm(FORM, { ...typed, rad: 'lagg-till' });
    const addedHtml = await added.text();
    expect(added.status).toBe(200);
    expect(addedHtml).not.toContain('ds-error-summary');
    expect(addedHtml).toContain('Rad 3 är tillagd.');
    expect(valueOf(addedHtml, 'subject')).toBe('Kort till nya');
    expect(valueOf(addedHtml, 'contact.name')).toBe('Åsa Ändrad');
    expect(valueOf(addedHtml, 'rows.1.otherInfo')).toBe('Börjar i maj');
    expect(valueOf(addedHtml, 'rows.2.name')).toBe('');
    expect(addedHtml).toContain(`<option value="${PICKUP_OFFICE}" selected="">`);
    expect(addedHtml).toMatch(/<input[^>]* name="rows\.2\.name"[^>]* autofocus=""/);
    expect(addedHtml).toContain(`name="nyckel" value="${form.fields.nyckel}"`);

    // Remove the first of three: the second and third move up, numbered 1 and 2.
    const removed = await asa.postForm(FORM, { ...typed, ...row(2, { name: 'Tredje Personen' }), rad: 'ta-bort-1' });
    const removedHtml = await removed.text();
    expect(removed.status).toBe(200);
    expect(removedHtml).toContain('Rad 1 är borttagen. 2 rader kvar.');
    expect(valueOf(removedHtml, 'rows.0.name')).toBe('Person Rad 2');
    expect(valueOf(removedHtml, 'rows.0.otherInfo')).toBe('Börjar i maj');
    expect(valueOf(removedHtml, 'rows.1.name')).toBe('Tredje Personen');
    expect(removedHtml).not.toContain('name="rows.2.name"');
    expect(await countCases()).toBe(before);

    // The only row is not removed.
    const one = await asa.postForm(FORM, { ...form.fields, ...rows(1), rad: 'ta-bort-1' });
    expect(valueOf(await one.text(), 'rows.0.name')).toBe('Person Rad 1');
    expect(await countCases()).toBe(before);
  });

  it('at most 50 rows: Lägg till ny rad stops there, and 51 posted rows are refused', async () => {
    const form = await formOf('siths_order');
    const before = await countCases();
    const full = await asa.postForm(FORM, { ...form.fields, ...rows(SITHS_MAX_ROWS), rad: 'lagg-till' });
    const fullHtml = await full.text();
    expect(full.status).toBe(200);
    expect(fullHtml).toContain('Du kan beställa högst 50 kort i ett ärende.');
    expect(fullHtml).toContain('name="rows.49.name"');
    expect(fullHtml).not.toContain('name="rows.50.name"');

    const over = await asa.postForm(FORM, { ...form.fields, ...rows(SITHS_MAX_ROWS + 1) });
    const overHtml = await over.text();
    expect(over.status).toBe(400);
    expect(overHtml).toContain('href="#falt-rows">Högst 50 rader</a>');
    expectSummaryLinksResolve(overHtml);
    // Far more, or with gaps in their numbers, is still one over the cap, never a 5xx.
    const many = Object.assign({}, ...Array.from({ length: 300 }, (_, i) => ({ [`rows.${i * 3}.name`]: `P${i}` })));
    expect((await asa.postForm(FORM, { ...form.fields, ...many })).status).toBe(400);
    expect(await countCases()).toBe(before);

    const fifty = await asa.postForm(FORM, { ...form.fields, ...rows(SITHS_MAX_ROWS) });
    expect(fifty.status).toBe(303);
    expect(await countCases()).toBe(before + 1);
  });

  it('bad input comes back as 400 with a summary linking to each field, the count in the title, what was typed kept; nothing written', async () => {
    const before = await countCases();
    const siths = await formOf('siths_order');
    const bad = await asa.postForm(FORM, {
      ...siths.fields,
      ...rows(3),
      'rows.1.personnummer': '19900101-0000',
      'rows.2.email': 'inte-en-adress',
      'rows.2.pickupOffice': '',
      'rows.2.ownCardOffice': '',
    });
    const html = await bad.text();
    expect(bad.status).toBe(400);
    expectStrictPage(bad, html);
    expect(html).toContain('<title>Fel: 3 uppgifter behöver rättas – Beskriv ärendet – Beställning av SITHS-kort – Kundportal</title>');
    expect(html).toContain('id="felsammanfattning" tabindex="-1" autofocus=""');
    expect(expectSummaryLinksResolve(html)).toEqual(['falt-rows.1.personnummer', 'falt-rows.2.email', 'falt-rows.2.pickupOffice']);
    expect(html).toContain('href="#falt-rows.1.personnummer">Rad 2: Ogiltigt personnummer</a>');
    expect(html).toContain('id="falt-rows.1.personnummer-fel" data-color="danger">Ogiltigt personnummer</p>');
    expect(valueOf(html, 'rows.1.personnummer')).toBe('19900101-0000');
    expect(html).toContain('aria-describedby="falt-rows.1.personnummer-tips falt-rows.1.personnummer-fel" aria-invalid="true"');
    expect(valueOf(html, 'rows.2.email')).toBe('inte-en-adress');
    expect(html).toContain(`name="nyckel" value="${siths.fields.nyckel}"`);

    const q = await formOf('question');
    const empty = await asa.postForm(FORM, { ...q.fields, subject: 'x', description: '   ', 'contact.email': 'fel@', 'contact.name': '' });
    const emptyHtml = await empty.text();
    expect(empty.status).toBe(400);
    expect(expectSummaryLinksResolve(emptyHtml)).toEqual(['falt-subject', 'falt-description', 'falt-contact.name', 'falt-contact.email']);
    expect(emptyHtml).toContain('Rubrik måste vara minst 3 tecken');
    expect(valueOf(emptyHtml, 'contact.email')).toBe('fel@');

    // Forged and garbled posts: a page, never a 5xx.
    const garbled: Array<Record<string, string>> = [
      { csrf: q.fields.csrf! },
      { csrf: q.fields.csrf!, type: 'inte-en-typ' },
      { csrf: q.fields.csrf!, type: 'question', nyckel: '<script>', subject: 'a'.repeat(5000), description: '\u0000' },
      { csrf: q.fields.csrf!, type: 'siths_order', 'rows.x.name': 'Ingen', 'rows.99999.name': 'Långt bort', 'rows.0.ownCardOffice': 'kanske', rad: 'ta-bort-999' },
    ];
    for (const fields of garbled) {
      const res = await asa.postForm(FORM, fields);
      expect(res.status, JSON.stringify(fields)).toBeLessThan(500);
      expect([200, 400]).toContain(res.status);
    }
    expect(await countCases()).toBe(before);
  });

  it('without the right to order, orders are not offered and a forged order is refused with a page', async () => {
    const form = await formOf('siths_order');
    await h.db.updateTable('customer_accounts').set({ canOrder: false }).where('id', '=', h.accountId).execute();
    try {
      const before = await countCases();
      const page = await (await asa.send('GET', FORM)).text();
      expect(page).toContain('name="typ" value="question"');
      expect(page).not.toContain('name="typ" value="siths_order"');
      expect(page).not.toContain('name="typ" value="order"');
      expect(page).toContain('kontakta den lokala administratören i din organisation');
      const asked = await asa.send('GET', `${FORM}?typ=siths_order`);
      expect(asked.status).toBe(400);
      expect(await asked.text()).toContain('href="#falt-type">Du kan inte göra beställningar. Välj något av de andra alternativen.</a>');

      for (const fields of [{ ...form.fields, ...rows(1) }, { ...form.fields, type: 'order', subject: 'Läsare', description: 'Tio stycken.' }]) {
        const res = await asa.postForm(FORM, fields);
        const html = await res.text();
        expect(res.status).toBe(403);
        expectStrictPage(res, html);
        expect(html).toContain('Behörighet saknas');
        expect(html).toContain(ORDER_RIGHT_REQUIRED);
      }
      expect(await countCases()).toBe(before);
    } finally {
      await h.db.updateTable('customer_accounts').set({ canOrder: true }).where('id', '=', h.accountId).execute();
    }
  });

  it('a form without this session’s CSRF token writes nothing', async () => {
    const form = await formOf('question');
    const before = await countCases();
    const fields: Record<string, string> = { ...form.fields, subject: 'Utan token', description: 'Ska inte sparas.' };
    for (const csrf of [undefined, 'gammal']) {
      const { csrf: _, ...rest } = fields;
      const res = await asa.postForm(FORM, csrf === undefined ? rest : { ...rest, csrf });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Formuläret har gått ut');
    }
    expect(await countCases()).toBe(before);
    // A visitor is sent to log in, for the form and the receipt alike.
    for (const path of [FORM, '/mina-sidor/arenden/KP-2026-00001/kvitto']) {
      const res = await fetch(h.baseUrl + path, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(`/auth/login?returnTo=${encodeURIComponent(path)}`);
    }
  });

  it('only the case’s owner sees its receipt; anyone else gets the 404 page', async () => {
    const orgId = await upsertOrganisation(h.db, { organisationsnummer: organisationsnummer('212004'), name: 'Region Delta', verified: true });
    const otherId = await upsertCustomerAccount(h.db, h.cipher, { organisationId: orgId, personnummer: personnummer('19791111', 13), name: 'Olle Annan', email: 'olle@delta.se' });
    const token = await createApiToken(h.db, { customerAccountId: otherId }, 'test');
    const { contact: _, ...body } = question('olle@delta.se');
    const theirs = await h.api('POST', '/api/v1/cases', { token, body });
    expect(theirs.status).toBe(201);
    for (const caseNumber of [theirs.json.caseNumber, 'KP-1999-99999', 'inte-ett-nummer']) {
      const res = await asa.send('GET', `/mina-sidor/arenden/${caseNumber}/kvitto`);
      const html = await res.text();
      expect(res.status, caseNumber).toBe(404);
      expect(html).toContain('Ärendet finns inte');
      expect(html).not.toContain(theirs.json.caseNumber);
    }
  });
});
