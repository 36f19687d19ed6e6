// Creates an API token for a customer or a staff member and prints it once. Finds the person first
// (the seeded Åsa, Hanna and Adam among them) and never changes someone who exists; only a person
// not found is created, and then every detail must be given.
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { findOrganisationByNumber } from '../db/organisations.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import { emailSchema, maskPersonnummer, organisationsnummerSchema, personnummerSchema } from '../domain/index.js';

const USAGE = `Användning:
  npm run token -- customer --personnummer 198507099805        (Åsa Öberg, som npm start lägger in)
  npm run token -- staff --personnummer 197911029820           (Hanna Handläggare; Adam: 197006219831)
  npm run token -- staff --email hanna@kundportal.local
En person som inte finns skapas, och då krävs alla uppgifter:
  npm run token -- customer --personnummer ÅÅÅÅMMDDNNNN --name "…" --email … --org NNNNNN-NNNN [--org-name "…"]
  npm run token -- staff --personnummer ÅÅÅÅMMDDNNNN --name "…" --email … --role handler|admin`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    personnummer: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    org: { type: 'string' },
    'org-name': { type: 'string' },
    role: { type: 'string' },
    'token-name': { type: 'string', default: 'cli' },
  },
});

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Parses with a domain schema; a refusal ends the script with the schema's Swedish message. */
function parsed<S extends z.ZodType>(schema: S, value: string, flag: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) fail(`--${flag}: ${result.error.issues[0]?.message ?? 'ogiltigt värde'}`);
  return result.data;
}

const kind = positionals[0];
if (kind !== 'customer' && kind !== 'staff') fail('Ange customer eller staff.');
if (kind === 'customer' ? !values.personnummer : !values.personnummer && !values.email) {
  fail(kind === 'customer' ? 'Ange --personnummer.' : 'Ange --personnummer eller --email.');
}
const pnr = values.personnummer === undefined ? undefined : parsed(personnummerSchema, values.personnummer, 'personnummer');
const email = values.email === undefined ? undefined : parsed(emailSchema, values.email, 'email');

const config = loadConfig();
const db = createDb(config.DATABASE_URL, { max: 1 });
const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
const existing = (who: string) => console.error(`${who} finns redan och ändras inte; en ny API-nyckel skapas.`);
try {
  const owner = kind === 'staff' ? { staffId: await staffId() } : { customerAccountId: await customerAccountId(pnr!) };
  console.log(await createApiToken(db, owner, values['token-name']));
} finally {
  await db.destroy();
}

async function customerAccountId(personnummer: string): Promise<number> {
  const found = await db.selectFrom('customer_accounts').select(['id', 'name', 'email']).where('personnummerHash', '=', cipher.hash(personnummer)).executeTakeFirst();
  if (found) {
    existing(`Kunden ${found.name} (${maskPersonnummer(personnummer)}, ${found.email})`);
    return found.id;
  }
  if (!values.name || !email || !values.org) fail(`Ingen kund med personnummer ${maskPersonnummer(personnummer)}: ange --name, --email och --org för att skapa en.`);
  const orgnr = parsed(organisationsnummerSchema, values.org, 'org');
  // An organisation that exists keeps its name; a new one is registered unverified, as by a customer.
  let organisationId = (await findOrganisationByNumber(db, orgnr))?.id;
  if (organisationId === undefined) {
    if (!values['org-name']) fail(`Organisationen ${orgnr} finns inte: ange --org-name för att registrera den.`);
    organisationId = await upsertOrganisation(db, { organisationsnummer: orgnr, name: values['org-name'], verified: false });
  }
  return upsertCustomerAccount(db, cipher, { organisationId, personnummer, name: values.name, email });
}

async function staffId(): Promise<number> {
  const found = await db
    .selectFrom('staff')
    .select(['id', 'name', 'email', 'active'])
    .where((eb) => eb.or([...(pnr ? [eb('personnummerHash', '=', cipher.hash(pnr))] : []), ...(email ? [eb('email', '=', email)] : [])]))
    .execute();
  if (found.length > 1) fail('--personnummer och --email hör till olika handläggare.');
  const [person] = found;
  if (person) {
    if (!person.active) fail(`${person.name} (${person.email}) är inaktiverad och kan inte få någon API-nyckel.`);
    existing(`${person.name} (${person.email})`);
    return person.id;
  }
  // Staff log in with e-legitimation: a new one needs the personnummer that ties them to it.
  const role = values.role;
  if (!pnr || !values.name || !email || (role !== 'handler' && role !== 'admin')) {
    fail('Ingen sådan handläggare: ange --personnummer, --name, --email och --role handler|admin för att skapa en.');
  }
  return upsertStaff(db, { name: values.name, email, role }, { cipher, personnummer: pnr });
}
