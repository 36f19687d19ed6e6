// Creates an API token for a customer or a staff member (creating the person if needed); prints it once.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/index.js';
import { createDb } from '../db/client.js';
import { createPersonalDataCipher } from '../db/personal-data.js';
import { upsertCustomerAccount, upsertOrganisation, upsertStaff } from '../db/people.js';
import { createApiToken } from '../db/tokens.js';
import { organisationsnummerSchema, personnummerSchema } from '../domain/index.js';

const USAGE = `Användning:
  npm run token -- customer --personnummer 198507099805 --name "Åsa Öberg" --email asa@exempel.se \\
                   --org 556016-0680 --org-name "Region Exempel"
  npm run token -- staff --name "Hanna Handläggare" --email hanna@kundportal.se [--role handler|admin]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    personnummer: { type: 'string' },
    name: { type: 'string' },
    email: { type: 'string' },
    org: { type: 'string' },
    'org-name': { type: 'string' },
    role: { type: 'string', default: 'handler' },
    'token-name': { type: 'string', default: 'cli' },
  },
});

const kind = positionals[0];
if ((kind !== 'customer' && kind !== 'staff') || !values.name || !values.email) {
  console.error(USAGE);
  process.exit(2);
}

const config = loadConfig();
const db = createDb(config.DATABASE_URL);
try {
  let token: string;
  if (kind === 'staff') {
    if (values.role !== 'handler' && values.role !== 'admin') throw new Error('--role ska vara handler eller admin');
    const staffId = await upsertStaff(db, { name: values.name, email: values.email, role: values.role });
    token = await createApiToken(db, { staffId }, values['token-name']);
  } else {
    const pnr = personnummerSchema.parse(values.personnummer ?? '');
    const orgnr = organisationsnummerSchema.parse(values.org ?? '');
    const cipher = createPersonalDataCipher({ encryptionKey: config.PNR_ENCRYPTION_KEY, hashKey: config.PNR_HASH_KEY });
    const organisationId = await upsertOrganisation(db, { organisationsnummer: orgnr, name: values['org-name'] ?? orgnr, verified: false });
    const accountId = await upsertCustomerAccount(db, cipher, { organisationId, personnummer: pnr, name: values.name, email: values.email });
    token = await createApiToken(db, { customerAccountId: accountId }, values['token-name']);
  }
  console.log(token);
} finally {
  await db.destroy();
}
