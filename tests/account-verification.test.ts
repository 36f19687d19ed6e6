// "Verifiera ditt konto" over plain HTTP: the limits per address and per person answer the same whether
// or not an address belongs to an earlier account, and a code is worth nothing in another person's
// session. (The whole way in a browser: tests/e2e/account-verification.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomPersonnummer } from '../scripts/sample-cases.js';
import { logInWithELegitimation } from './helpers/browser-session.js';
import { type Harness, startHarness } from './helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const TOO_MANY = 'Du har begärt för många koder. Vänta en timme och försök sedan igen.';
let serial = 0;
const tag = () => `${Date.now() % 1_000_000}${++serial}`;

const newPersonnummer = randomPersonnummer;

async function person(pnr = newPersonnummer()) {
  return logInWithELegitimation(h.baseUrl, { personnummer: pnr, method: 'freja', name: 'Vera Verifierare' });
}
type Session = Awaited<ReturnType<typeof person>>;

async function earlierAccount() {
  const email = `tidigare.${tag()}@exempel.se`;
  const row = await h.db
    .insertInto('customer_accounts')
    .values({ organisationId: h.organisationId, personnummerEnc: null, personnummerHash: null, name: 'Vera Tidigare', email, importedAt: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { email, accountId: row.id };
}

async function ask(s: Session, email: string) {
  const res = await s.postForm('/verifiera-konto', { csrf: s.session.csrfToken, email });
  return { status: res.status, location: res.headers.get('location'), html: res.status === 303 ? '' : await res.text() };
}

describe('Verifiera ditt konto: limits and binding', () => {
  it('an address gets at most three codes an hour, whether or not an earlier account has it', async () => {
    const known = await earlierAccount();
    const unknown = `ingen.${tag()}@exempel.se`;
    for (const email of [known.email, unknown]) {
      for (let i = 0; i < 3; i++) expect(await ask(await person(), email.toUpperCase())).toMatchObject({ status: 303, location: '/verifiera-konto/kod' });
      const fourth = await ask(await person(), email);
      expect(fourth.status).toBe(400);
      expect(fourth.html).toContain(TOO_MANY);
      expect(fourth.html).toContain('href="#falt-email"');
    }
    expect((await h.mailsTo(known.email, 3)).length).toBe(3);
    expect(h.receivedBy(unknown)).toEqual([]);
  });

  it('a person gets at most five codes an hour', async () => {
    const s = await person();
    for (let i = 0; i < 5; i++) expect((await ask(s, `ny.${tag()}@exempel.se`)).status).toBe(303);
    const sixth = await ask(s, `ny.${tag()}@exempel.se`);
    expect(sixth.status).toBe(400);
    expect(sixth.html).toContain(TOO_MANY);
  });

  it("a code works only in the session of the person who asked for it, and only once", async () => {
    const earlier = await earlierAccount();
    const asker = await person();
    expect((await ask(asker, earlier.email)).status).toBe(303);
    const [mail] = await h.mailsTo(earlier.email, 1);
    const code = /Din kod: (\d{6})/.exec(mail!.text)![1]!;
    expect(mail!.text).not.toMatch(/\d{8}-?\d{4}/);

    const other = await person();
    const stolen = await other.postForm('/verifiera-konto/kod', { csrf: other.session.csrfToken, code });
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain('Du har ingen kod att ange. Begär en kod först.');

    const bad = await asker.postForm('/verifiera-konto/kod', { csrf: asker.session.csrfToken, code: '12ab' });
    expect(await bad.text()).toContain('Ange koden från e-postmeddelandet, sex siffror.');
    const ok = await asker.postForm('/verifiera-konto/kod', { csrf: asker.session.csrfToken, code });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/mina-sidor?konto=verifierat');
    expect((await asker.api('GET', '/api/v1/session')).json.kind).toBe('customer');
    expect((await asker.api('GET', '/api/v1/me')).json).toMatchObject({ email: earlier.email });
    // Verified now: the account is no longer an earlier one awaiting verification, so the address gives no code.
    const again = await ask(await person(), earlier.email);
    expect(again.status).toBe(303);
    await new Promise((r) => setTimeout(r, 500));
    expect(h.receivedBy(earlier.email)).toHaveLength(1);
  });

  it('a person who made an account meanwhile (another tab) is sent to Mina sidor, not shown an error', async () => {
    const earlier = await earlierAccount();
    const pnr = newPersonnummer();
    const asker = await person(pnr);
    expect((await ask(asker, earlier.email)).status).toBe(303);
    const [mail] = await h.mailsTo(earlier.email, 1);
    const code = /Din kod: (\d{6})/.exec(mail!.text)![1]!;
    await h.db
      .insertInto('customer_accounts')
      .values({ organisationId: h.organisationId, personnummerEnc: h.cipher.seal(pnr), personnummerHash: h.cipher.hash(pnr), name: 'Vera Ny', email: `ny.${tag()}@exempel.se` })
      .execute();
    const res = await asker.postForm('/verifiera-konto/kod', { csrf: asker.session.csrfToken, code });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/mina-sidor');
    const untouched = await h.db.selectFrom('customer_accounts').select(['personnummerHash', 'verifiedAt']).where('id', '=', earlier.accountId).executeTakeFirstOrThrow();
    expect(untouched).toEqual({ personnummerHash: null, verifiedAt: null });
  });

  it('asking for a code takes the same time whether or not the address has an earlier account', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    const timed = async (email: string) => {
      const s = await person();
      const start = performance.now();
      expect((await ask(s, email)).status).toBe(303);
      return performance.now() - start;
    };
    // Interleaved, so a machine getting busier weighs on both alike.
    for (let i = 0; i < 10; i++) {
      known.push(await timed((await earlierAccount()).email));
      unknown.push(await timed(`ingen.${tag()}@exempel.se`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(`verification request median: known address ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms`);
    // The e-mail is not waited for: a relay round trip (tens of ms) would show here.
    expect(Math.abs(median(known) - median(unknown))).toBeLessThan(50);
  });
});
