// A world of its own for back-office tests on the shared test database: a newly registered
// organisation with its registrant, an administrator and a second handler, each with a token.
import { randomInt } from 'node:crypto';
import { createAccount } from '../../db/accounts.js';
import { upsertStaff } from '../../db/people.js';
import { createApiToken } from '../../db/tokens.js';
import { organisationsnummer, personnummer } from '../../scripts/sample-cases.js';
import { type Harness, RUN_ID } from './harness.js';

/** A valid organisationsnummer unlikely to exist yet (several test runs may share a database). */
function freshOrganisationsnummer() {
  const nine = `8${String(randomInt(10 ** 8)).padStart(8, '0')}`;
  return organisationsnummer(nine.slice(0, 6), Number(nine.slice(6)));
}

export async function backOfficeWorld(h: Harness) {
  const tag = String(randomInt(10 ** 6)).padStart(6, '0');
  const registrantPnr = personnummer(`1950${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}`, randomInt(1000));
  const organisationName = `Testregion Ödemark ${tag}`;
  const created = await createAccount(h.db, h.cipher, {
    personnummer: registrantPnr,
    organisationsnummer: freshOrganisationsnummer(),
    organisationName,
    unitName: 'Vårdcentralen Älvsby',
    name: 'Rut Registrant',
    email: `rut.${tag}@exempel.se`,
    notifyByEmail: false,
  });
  if (!created.ok) throw new Error(`createAccount: ${created.reason}`);
  const customerToken = await createApiToken(h.db, { customerAccountId: created.accountId }, 'back-office test');

  const staff = async (name: string, role: 'handler' | 'admin') => {
    const id = await upsertStaff(h.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}.${RUN_ID}.${tag}@kundportal.local`, role });
    return { id, name, token: await createApiToken(h.db, { staffId: id }, 'back-office test') };
  };
  const admin = await staff('Ada Administratör', 'admin');
  const handler = await staff('Berit Bäck', 'handler');

  const as =
    (token: string | undefined) =>
    (method: string, path: string, body?: unknown) =>
      h.api(method, `/api/admin${path}`, { ...(token ? { token } : {}), ...(body !== undefined ? { body } : {}) });

  return {
    tag,
    organisationName,
    organisationId: created.organisationId,
    accountId: created.accountId,
    registrantPnr,
    customerToken,
    admin,
    handler,
    asAdmin: as(admin.token),
    asHandler: as(handler.token),
    asCustomer: as(customerToken),
    anonymous: as(undefined),
  };
}

export type BackOfficeWorld = Awaited<ReturnType<typeof backOfficeWorld>>;

/** The simple-rest list URL react-admin's data provider builds. */
export function listPath(
  resource: string,
  filter: Record<string, unknown> = {},
  opts: { sort?: [string, 'ASC' | 'DESC']; range?: [number, number] } = {},
) {
  const params = new URLSearchParams({ filter: JSON.stringify(filter) });
  if (opts.sort) params.set('sort', JSON.stringify(opts.sort));
  if (opts.range) params.set('range', JSON.stringify(opts.range));
  return `/${resource}?${params}`;
}
