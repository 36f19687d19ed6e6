// Swedish identity numbers and e-mail addresses: validation and normalisation.
// Note: the personnummer package infers the century of a 10-digit number from the
// current date at parse time. That is fine for the API; workflow code should not
// parse identity numbers (it gets them already normalised).
import { z } from 'zod';
import PersonnummerModule from 'personnummer';
import OrganisationsnummerModule from 'organisationsnummer';

// Both packages are CommonJS with `module.exports = Class`, but their typings declare
// `export default`, so under NodeNext TypeScript believes the default import is
// `{ default: Class }`. Accept either shape at runtime.
type PersonnummerClass = typeof PersonnummerModule.default;
type OrganisationsnummerClass = typeof OrganisationsnummerModule.default;

function interopDefault<T>(mod: unknown): T {
  const withDefault = mod as { default?: T };
  return (typeof withDefault.default === 'function' ? withDefault.default : mod) as T;
}

const Personnummer = interopDefault<PersonnummerClass>(PersonnummerModule);
const Organisationsnummer = interopDefault<OrganisationsnummerClass>(OrganisationsnummerModule);

export const PERSONNUMMER_ERROR = 'Ogiltigt personnummer';
export const ORGANISATIONSNUMMER_ERROR = 'Ogiltigt organisationsnummer';
export const EMAIL_ERROR = 'Ogiltig e-postadress';

function stripWhitespace(value: string): string {
  return value.replace(/\s+/g, '');
}

/**
 * Normalises a personnummer or samordningsnummer ('YYMMDD-NNNN', 'YYMMDD+NNNN',
 * 'YYYYMMDDNNNN', with or without separator) to 12 digits 'YYYYMMDDNNNN'.
 * Returns null when the number is not valid (date, check digit, format).
 */
export function normalisePersonnummer(input: string): string | null {
  const value = stripWhitespace(input);
  if (!/^(\d{6}|\d{8})[-+]?\d{4}$/.test(value)) return null;
  try {
    const parsed = Personnummer.parse(value, { allowCoordinationNumber: true, allowInterimNumber: false });
    const long = parsed.format(true);
    return /^\d{12}$/.test(long) ? long : null;
  } catch {
    return null;
  }
}

/**
 * Normalises an organisationsnummer to 'NNNNNN-NNNN'. Accepts a legal entity's
 * number (optionally with the '16' prefix) and an enskild firma's number, which is
 * the owner's personnummer (10 or 12 digits). Returns null when not valid.
 */
export function normaliseOrganisationsnummer(input: string): string | null {
  const value = stripWhitespace(input);
  if (!/^(\d{6}|\d{8})[-+]?\d{4}$/.test(value)) return null;
  try {
    const digits = Organisationsnummer.parse(value).format(false);
    return /^\d{10}$/.test(digits) ? `${digits.slice(0, 6)}-${digits.slice(6)}` : null;
  } catch {
    return null;
  }
}

/** A personnummer or samordningsnummer; output is 12 digits 'YYYYMMDDNNNN'. */
export const personnummerSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'Personnummer saknas' : PERSONNUMMER_ERROR) })
  .transform((value, ctx) => {
    const normalised = normalisePersonnummer(value);
    if (normalised === null) {
      ctx.issues.push({
        code: 'custom',
        message: value.trim() === '' ? 'Personnummer saknas' : PERSONNUMMER_ERROR,
        input: value,
      });
      return z.NEVER;
    }
    return normalised;
  });

/** An organisationsnummer (or an enskild firma's personnummer); output is 'NNNNNN-NNNN'. */
export const organisationsnummerSchema = z
  .string({
    error: (iss) => (iss.input === undefined ? 'Organisationsnummer saknas' : ORGANISATIONSNUMMER_ERROR),
  })
  .transform((value, ctx) => {
    const normalised = normaliseOrganisationsnummer(value);
    if (normalised === null) {
      ctx.issues.push({
        code: 'custom',
        message: value.trim() === '' ? 'Organisationsnummer saknas' : ORGANISATIONSNUMMER_ERROR,
        input: value,
      });
      return z.NEVER;
    }
    return normalised;
  });

// zod's default e-mail pattern, but the domain may hold letters such as å, ä, ö
// (Swedish IDN domains, e.g. 'räksmörgås.se').
const EMAIL_PATTERN =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u;

/** An e-mail address, trimmed, with the domain part lowercased. */
export const emailSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'E-postadress saknas' : EMAIL_ERROR) })
  .trim()
  .min(1, { error: 'E-postadress saknas' })
  .max(254, { error: EMAIL_ERROR })
  .pipe(z.email({ pattern: EMAIL_PATTERN, error: EMAIL_ERROR }))
  .transform((value) => {
    const at = value.lastIndexOf('@');
    return value.slice(0, at) + value.slice(at).toLowerCase();
  });

/**
 * Masks the last four digits of a normalised personnummer for display and logs:
 * '198507099805' → '19850709-****'. Anything else is masked entirely.
 */
export function maskPersonnummer(pnr12: string): string {
  const digits = pnr12.replace(/\D/g, '');
  if (digits.length === 12) return `${digits.slice(0, 8)}-****`;
  if (digits.length === 10) return `${digits.slice(0, 6)}-****`;
  return '****';
}
