// "Verifiera ditt konto": a person logged in with e-legitimation, without an account, proves that an
// account imported from the earlier portal is theirs with a one-time code sent to its e-mail address,
// and the account (its roles, its earlier cases) becomes theirs.
//
// Nothing here tells whether an address belongs to such an account: every request writes a code row
// (account_id null when none), counts against the same limits and answers the same; the e-mail is sent
// without waiting for it, so the answer takes the same time either way. Codes are kept only as keyed
// hashes bound to the person, expire, are used once, and allow a few wrong tries.
import { randomInt, timingSafeEqual } from 'node:crypto';
import {
  countAttempt,
  countCodesSince,
  deleteCodesBefore,
  findUnverifiedImportedAccount,
  insertCode,
  latestCodeForUpdate,
  markCodeUsed,
  tieIdentityToAccount,
} from '../db/account-verification.js';
import { attachAccountToSession } from '../db/sessions.js';
import { inTransaction } from '../db/transaction.js';
import type { ServiceDeps } from './deps.js';
import { conflict, invalid } from './errors.js';
import { requireMethodFor } from './login-methods.js';
import type { Person } from './principal.js';

export const CODE_TTL_MINUTES = 15;
/** Wrong tries one code allows; then a new code is needed. */
export const MAX_ATTEMPTS = 5;
/** Codes per person and per address within an hour: enough for a typo and a lost e-mail, too few to guess. */
const PER_PERSON_PER_HOUR = 5;
const PER_ADDRESS_PER_HOUR = 3;

const emailHash = (deps: ServiceDeps, email: string) => deps.cipher.hash(`account-verification:email:${email.trim().toLowerCase()}`);
/** Bound to the person, so a code is worth nothing in anyone else's session. */
const codeHash = (deps: ServiceDeps, personnummerHash: string, code: string) => deps.cipher.hash(`account-verification:code:${personnummerHash}:${code}`);

const swedishTime = (d: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', hour: '2-digit', minute: '2-digit' }).format(d);

function codeEmail(code: string, expiresAt: Date) {
  const until = swedishTime(expiresAt);
  const text = [
    'Hej!',
    '',
    'Någon, troligen du, vill verifiera ditt konto från den tidigare kundportalen och koppla det till sin e-legitimation.',
    '',
    `Din kod: ${code}`,
    '',
    `Koden gäller i ${CODE_TTL_MINUTES} minuter, till klockan ${until}, och kan användas en gång.`,
    'Var det inte du? Då behöver du inte göra något. Ditt konto kopplas inte till någon utan koden.',
    '',
    'Kundportalen',
  ].join('\n');
  const html = `<!doctype html><html lang="sv"><body><p>Hej!</p><p>Någon, troligen du, vill verifiera ditt konto från den tidigare kundportalen och koppla det till sin e-legitimation.</p><p>Din kod: <strong>${code}</strong></p><p>Koden gäller i ${CODE_TTL_MINUTES} minuter, till klockan ${until}, och kan användas en gång.</p><p>Var det inte du? Då behöver du inte göra något. Ditt konto kopplas inte till någon utan koden.</p><p>Kundportalen</p></body></html>`;
  return { subject: 'Din kod för att verifiera ditt konto i Kundportalen', text, html };
}

/** Sends a code if the address is an unverified earlier account's; answers the same either way. */
export async function requestVerificationCode(deps: ServiceDeps, p: Person, email: string) {
  requireMethodFor(deps, 'verify_account', p.via.authMethod);
  const byAddress = emailHash(deps, email);
  const hourAgo = new Date(Date.now() - 60 * 60_000);
  await deleteCodesBefore(deps.db, new Date(Date.now() - 24 * 60 * 60_000));
  const [personCount, addressCount] = await Promise.all([
    countCodesSince(deps.db, { personnummerHash: p.personnummerHash }, hourAgo),
    countCodesSince(deps.db, { emailHash: byAddress }, hourAgo),
  ]);
  if (personCount >= PER_PERSON_PER_HOUR || addressCount >= PER_ADDRESS_PER_HOUR) {
    throw invalid('För många koder.', [{ field: 'email', message: 'Du har begärt för många koder. Vänta en timme och försök sedan igen.' }]);
  }
  const account = await findUnverifiedImportedAccount(deps.db, email.trim());
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + CODE_TTL_MINUTES * 60_000);
  await insertCode(deps.db, { personnummerHash: p.personnummerHash, emailHash: byAddress, accountId: account?.id ?? null, codeHash: codeHash(deps, p.personnummerHash, code), expiresAt });
  if (account) {
    // Not awaited: waiting for the relay only when the address exists would tell that it does.
    const send = deps.mailer ? deps.mailer.send({ to: account.email, ...codeEmail(code, expiresAt) }) : Promise.reject(new Error('no mailer configured'));
    send.catch((err: Error) => deps.log?.(`account verification: the code e-mail was not sent (${err.message})`));
  }
  return { expiresAt };
}

const CODE_ERRORS = {
  none: 'Du har ingen kod att ange. Begär en kod först.',
  expired: 'Koden har gått ut. Begär en ny kod.',
  tooMany: 'Du har angett fel kod för många gånger. Begär en ny kod.',
  wrong: 'Koden stämmer inte. Kontrollera koden i e-postmeddelandet och försök igen.',
  format: 'Ange koden från e-postmeddelandet, sex siffror.',
} as const;

/** The normalised code, or undefined when it is not six digits (spaces and dashes are forgiven). */
const normaliseCode = (typed: string) => {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : undefined;
};

/** Checks the code and ties the person's identity to the earlier account; its id on success. */
export async function verifyWithCode(deps: ServiceDeps, p: Person, typed: string): Promise<{ accountId: number }> {
  requireMethodFor(deps, 'verify_account', p.via.authMethod);
  const code = normaliseCode(typed);
  if (!code) throw invalid('Ogiltig kod.', [{ field: 'code', message: CODE_ERRORS.format }]);
  // The attempt is counted in the same transaction that reads the code, and committed even when wrong.
  const outcome = await inTransaction(deps.db, async (trx): Promise<keyof typeof CODE_ERRORS | { accountId: number }> => {
    const row = await latestCodeForUpdate(trx, p.personnummerHash);
    if (!row) return 'none';
    if (row.usedAt || row.expiresAt.getTime() <= Date.now()) return 'expired';
    if (row.attempts >= MAX_ATTEMPTS) return 'tooMany';
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(codeHash(deps, p.personnummerHash, code), 'hex');
    // No account behind the address: the code is simply never right, exactly like a wrong one.
    if (row.accountId === null || !timingSafeEqual(expected, given)) {
      await countAttempt(trx, row.id);
      return row.attempts + 1 >= MAX_ATTEMPTS ? 'tooMany' : 'wrong';
    }
    await markCodeUsed(trx, row.id);
    const tied = await tieIdentityToAccount(trx, row.accountId, { personnummerEnc: p.via.personnummerEnc, personnummerHash: p.personnummerHash });
    if (!tied) return 'expired'; // someone verified the account first; the code is spent
    await attachAccountToSession(trx, p.via.idHash, tied.id);
    return { accountId: tied.id };
  }).catch((err: unknown) => {
    // The same person created an account meanwhile (another tab): the unique personnummer index says so.
    if ((err as { code?: string }).code === '23505') throw conflict('Kontot finns redan', 'Det finns redan ett konto för dig. Logga in igen.');
    throw err;
  });
  if (typeof outcome === 'string') throw invalid('Koden gick inte att använda.', [{ field: 'code', message: CODE_ERRORS[outcome] }]);
  deps.log?.(`account verification: account ${outcome.accountId} verified`);
  return outcome;
}
