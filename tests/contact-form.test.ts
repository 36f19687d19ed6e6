// "Kontakta oss" without an account over plain HTTP against the real API, worker, Temporal, Postgres and
// SMTP: bad input comes back with an error summary and writes nothing; the honeypot, a form sent too
// fast, a tampered stamp and a false proof of work are refused and write nothing; a good form makes one
// case (sent twice, still one) marked without account, whose receipt e-mail carries a signed link that
// reads the case and takes a reply; a tampered, moved or expired link is refused without a word about
// the case; the per-address limit stops the third message in an hour, the per-IP limit any over it.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactFormStamp, contactLinkToken, proofOfWorkHolds } from '../domain/contact-form.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
let secret: string;
const BITS = 12;
const tag = `${process.pid}${Date.now() % 100000}`;

beforeAll(async () => {
  h = await startHarness({ contactForm: { powBits: BITS, minFillSeconds: 3, perAddressPerHour: 2, perIpPerHour: 10_000 } });
  secret = h.apiDeps.contactForm!.secret;
}, 120_000);
afterAll(() => h?.stop());

/** A stamp handed out `ageMs` ago, with a key of its own. */
const stamp = (ageMs = 10_000, key = `test-${tag}-${Math.random().toString(36).slice(2, 12)}`) => contactFormStamp(secret, new Date(Date.now() - ageMs), key);

/** The first nonce for which the proof holds (or, `holds` false, fails). */
function nonceFor(s: string, holds = true): string {
  for (let n = 0; ; n++) if (proofOfWorkHolds(s, String(n), BITS) === holds) return String(n);
}

const good = (email: string) => ({ name: 'Greta Gäst', email, organisation: 'Kommunen Exempel', subject: 'Fråga om kundportalen', message: 'Hur verifierar jag mitt gamla konto?' });

async function post(path: string, fields: Record<string, string>) {
  const res = await fetch(h.baseUrl + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

const contactCases = async () =>
  Number((await h.db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).where('withoutAccount', '=', true).executeTakeFirstOrThrow()).n);
const contactKeys = async () =>
  Number((await h.db.selectFrom('idempotency_keys').select((eb) => eb.fn.countAll<string>().as('n')).where('owner', '=', 'contact-form').executeTakeFirstOrThrow()).n);

/** Nothing written by `act`: no case, no key. */
async function writesNothing(act: () => Promise<void>) {
  const before = [await contactCases(), await contactKeys()];
  await act();
  expect([await contactCases(), await contactKeys()]).toEqual(before);
}

describe('Kontakta oss over HTTP', () => {
  it('is linked from the start page and every footer, and hands out a stamped form', async () => {
    const start = await (await fetch(`${h.baseUrl}/`)).text();
    expect(start).toContain('Har du frågor eller synpunkter om den nya kundportalen?');
    expect(start.match(/href="\/kontakta-oss"/g)?.length).toBeGreaterThanOrEqual(2); // the section and the footer
    const res = await fetch(`${h.baseUrl}/kontakta-oss`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(html).toContain('Kontakta oss via formuläret nedan.');
    expect(html).toMatch(/name="stamp" value="\d{13}\.[\w-]+\.[\w-]{43}"/);
    expect(html).toContain(`data-pow-bits="${BITS}"`);
    expect(html).toContain('name="webbplats"');
  });

  it('bad input comes back with an error summary linking each field, and writes nothing', async () => {
    await writesNothing(async () => {
      const s = stamp();
      const res = await post('/kontakta-oss', { stamp: s, pow: nonceFor(s), name: '', email: 'inte-en-adress', organisation: '', subject: 'ab', message: '   ' });
      expect(res.status).toBe(400);
      expect(res.html).toContain('<title>Fel: 4 uppgifter behöver rättas – Kontakta oss – Kundportal</title>');
      for (const field of ['name', 'email', 'subject', 'message']) expect(res.html).toContain(`href="#falt-${field}"`);
      // In the order of the form, and what was typed is kept.
      expect(res.html.indexOf('#falt-name')).toBeLessThan(res.html.indexOf('#falt-email'));
      expect(res.html.indexOf('#falt-subject')).toBeLessThan(res.html.indexOf('#falt-message'));
      expect(res.html).toContain('value="inte-en-adress"');
      expect(res.html).toContain('aria-invalid="true"');
    });
  });

  it('refuses the honeypot, a form sent too fast, a tampered stamp and a false proof of work, writing nothing', async () => {
    await writesNothing(async () => {
      const email = `robot.${tag}@exempel.se`;
      const s = stamp();
      const honeypot = await post('/kontakta-oss', { stamp: s, pow: nonceFor(s), webbplats: 'https://spam.example', ...good(email) });
      expect(honeypot.status).toBe(400);
      expect(honeypot.html).toContain('Meddelandet kunde inte skickas');

      const fresh = stamp(500);
      const tooFast = await post('/kontakta-oss', { stamp: fresh, pow: nonceFor(fresh), ...good(email) });
      expect(tooFast.status).toBe(400);
      expect(tooFast.html).toContain('Formuläret skickades in för snabbt');
      expect(tooFast.html).toContain('href="#falt-formular"');
      // Handed back with a new stamp, the words kept.
      expect(tooFast.html).not.toContain(`value="${fresh}"`);
      expect(tooFast.html).toContain('value="Fråga om kundportalen"');

      const [issued, key, signature] = stamp().split('.');
      const backdated = `${Number(issued) - 60_000}.${key}.${signature}`;
      const tampered = await post('/kontakta-oss', { stamp: backdated, ...good(email) });
      expect(tampered.status).toBe(400);
      expect(tampered.html).toContain('Formuläret hade gått ut');

      const s2 = stamp();
      const falseProof = await post('/kontakta-oss', { stamp: s2, pow: nonceFor(s2, false), ...good(email) });
      expect(falseProof.status).toBe(400);
      expect(falseProof.html).toContain('Meddelandet kunde inte skickas');
    });
    expect(h.receivedBy(`robot.${tag}@exempel.se`)).toEqual([]);
  });

  it('a good form makes one case without an account; its e-mail link reads it and takes a reply; bad links are refused', async () => {
    const email = `greta.${tag}@exempel.se`;
    const s = stamp();
    const fields = { stamp: s, pow: nonceFor(s), ...good(email) };
    const first = await post('/kontakta-oss', fields);
    expect(first.status).toBe(303);
    const caseNumber = new URL(first.location!, h.baseUrl).searchParams.get('arende')!;
    expect(caseNumber).toMatch(/^KP-\d{4}-\d{5,}$/);
    // The same form again (a double click, a resent page): the same case.
    const again = await post('/kontakta-oss', fields);
    expect(again.location).toBe(first.location);
    const row = await h.db.selectFrom('cases').selectAll().where('caseNumber', '=', caseNumber).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ withoutAccount: true, organisationId: null, reporterId: null, type: 'question', subject: 'Fråga om kundportalen', status: 'submitted' });
    expect(row.payload).toMatchObject({ withoutAccount: true, contact: { name: 'Greta Gäst', email, organisationName: 'Kommunen Exempel', notifyByEmail: true } });
    const thanks = await (await fetch(`${h.baseUrl}${first.location}`)).text();
    expect(thanks).toContain(caseNumber);

    // The handlers' queue Nya lists it, marked without account.
    const queue = await h.api('GET', `/api/admin/cases?filter=${encodeURIComponent(JSON.stringify({ queue: 'new', q: caseNumber }))}`, { token: h.staffToken });
    expect(queue.status).toBe(200);
    expect(queue.json).toEqual([expect.objectContaining({ caseNumber, withoutAccount: true, organisationName: null, reporterName: null })]);
    const detail = await h.api('GET', `/api/admin/cases/${caseNumber}`, { token: h.staffToken });
    expect(detail.json).toMatchObject({ withoutAccount: true, submission: { contact: { email, organisationName: 'Kommunen Exempel' } } });

    // The receipt from the real SMTP server, with the case number and the signed link.
    const [receipt] = await h.mailsTo(email, 1, 60_000);
    expect(receipt!.subject).toBe(`Ditt ärende ${caseNumber} är nu inskickat`);
    expect(receipt!.text).toContain(`Ärendenummer: ${caseNumber}`);
    // The sender has no account: the e-mail says to answer by its link, not by logging in.
    const words = receipt!.text.replace(/\s+/g, ' ');
    expect(words).toContain('svara oss via länken Visa ärendet, utan att logga in');
    expect(words).not.toContain('Logga in i kundportalen');
    const link = /https?:\/\/[^\s"<>\]]+\/kontakta-oss\/arende\/[^\s"<>\]]+/.exec(receipt!.text)![0];
    const path = new URL(link).pathname;
    const token = decodeURIComponent(path.split('/').pop()!);

    const page = await fetch(h.baseUrl + path);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(`Ärende ${caseNumber}: Fråga om kundportalen`);
    expect(html).toContain('Hur verifierar jag mitt gamla konto?');

    const reply = await post(path, { nyckel: `svar-${tag}-0123456789`, body: 'Jag använde BankID förra gången.' });
    expect(reply.status).toBe(303);
    await expect
      .poll(
        async () =>
          h.db
            .selectFrom('case_events as e')
            .innerJoin('case_messages as m', (j) => j.onRef('m.caseId', '=', 'e.caseId').onRef('m.version', '=', 'e.version'))
            .select(['e.actorType', 'e.actorId', 'm.body'])
            .where('e.caseId', '=', row.id)
            .where('e.action', '=', 'customer_message')
            .execute(),
        { timeout: 30_000 },
      )
      .toEqual([{ actorType: 'customer', actorId: null, body: 'Jag använde BankID förra gången.' }]);
    expect(await (await fetch(`${h.baseUrl}${reply.location}`)).text()).toContain('Jag använde BankID förra gången.');
    // An empty reply comes back with the error summary.
    const empty = await post(path, { body: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('href="#falt-body"');

    const refused = async (p: string, words: string) => {
      const res = await fetch(h.baseUrl + p);
      const body = await res.text();
      expect(res.status, p).toBe(403);
      expect(body).toContain(words);
      expect(body).not.toContain(caseNumber);
      expect(body).not.toContain('Fråga om kundportalen');
    };
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    await refused(`/kontakta-oss/arende/${flipped}`, 'Länken fungerar inte');
    // The signature of this case under another case's number.
    const [, , expiry, signature] = /^(KP-\d{4}-\d+)\.(\d+)\.(.+)$/.exec(token)!.slice(0);
    const other = `KP-${caseNumber.slice(3, 7)}-${String(Number(caseNumber.slice(8)) + 1).padStart(5, '0')}`;
    await refused(`/kontakta-oss/arende/${other}.${expiry}.${signature}`, 'Länken fungerar inte');
    await refused(`/kontakta-oss/arende/${contactLinkToken(secret, caseNumber, new Date(Date.now() - 1000))}`, 'Länken har gått ut');
    // Signed with another secret.
    await refused(`/kontakta-oss/arende/${contactLinkToken(createHash('sha256').update('annan').digest('hex'), caseNumber, new Date(Date.now() + 86_400_000))}`, 'Länken fungerar inte');
    // A reply through a refused link writes nothing.
    const post403 = await post(`/kontakta-oss/arende/${flipped}`, { body: 'Hej' });
    expect(post403.status).toBe(403);
  });

  it('a case with an account is never opened by a link, even a well-signed one', async () => {
    const submitted = await h.api('POST', '/api/v1/cases', { token: h.customerToken, body: { type: 'question', subject: 'Kontofråga', description: 'Text' } });
    expect(submitted.status).toBe(201);
    const res = await fetch(`${h.baseUrl}/kontakta-oss/arende/${contactLinkToken(secret, submitted.json.caseNumber, new Date(Date.now() + 86_400_000))}`);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('Kontofråga');
  });

  it('stops posts from one client address over its hourly limit, whatever the e-mail address', async () => {
    const settings = h.apiDeps.contactForm!; // the routes read this very object
    const { hits } = await h.db
      .selectFrom('rate_limit_windows')
      .select('hits')
      .where('key', '=', 'contact-ip:127.0.0.1')
      .orderBy('windowStart', 'desc')
      .executeTakeFirstOrThrow();
    const before = settings.perIpPerHour;
    settings.perIpPerHour = hits + 1;
    try {
      const s1 = stamp();
      expect((await post('/kontakta-oss', { stamp: s1, pow: nonceFor(s1), ...good(`ip1.${tag}@exempel.se`) })).status).toBe(303);
      await writesNothing(async () => {
        const s2 = stamp();
        const over = await post('/kontakta-oss', { stamp: s2, pow: nonceFor(s2), ...good(`ip2.${tag}@exempel.se`) });
        expect(over.status).toBe(429);
        expect(over.html).toContain('För många meddelanden');
      });
    } finally {
      settings.perIpPerHour = before;
    }
  });

  it('stops the third message from one address in an hour', async () => {
    const email = `flitig.${tag}@exempel.se`;
    for (const n of [1, 2]) {
      const s = stamp();
      const res = await post('/kontakta-oss', { stamp: s, pow: nonceFor(s), ...good(email), subject: `Fråga nummer ${n}` });
      expect(res.status, `message ${n}`).toBe(303);
    }
    await writesNothing(async () => {
      const s = stamp();
      const third = await post('/kontakta-oss', { stamp: s, pow: nonceFor(s), ...good(email.toUpperCase()), subject: 'Fråga nummer 3' });
      expect(third.status).toBe(429);
      expect(third.html).toContain('För många meddelanden');
    });
  });
});
