// Swedish identity numbers and e-mail addresses: validation and normalisation.
// Note: the century of a 10-digit number, and whether a birth date has happened yet, depend on
// today's date in Stockholm at parse time. That is fine for the API; workflow code should not
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
export const PERSONNUMMER_FUTURE_ERROR = 'Födelsedatumet i personnumret har inte inträffat än';
export const SAMORDNINGSNUMMER_FUTURE_ERROR = 'Födelsedatumet i samordningsnumret har inte inträffat än';

function stripWhitespace(value: string): string {
  return value.replace(/\s+/g, '');
}

/** Today's date in Stockholm as 'YYYYMMDD': no one is born after it. */
export function stockholmToday(at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return part('year') + part('month') + part('day');
}

// A samordningsnummer carries the birth day plus 60.
const birthMonthDay = (mmdd: string) => mmdd.slice(0, 2) + String(Number(mmdd.slice(2)) % 60).padStart(2, '0');

/**
 * The century of a 10-digit number: the latest birth date not after today ('-' or none), or not
 * after today a hundred years ago ('+': the person has turned 100). The personnummer package only
 * compares years, so it would put 'YYMMDD' later this year in the future.
 */
function withCentury(yymmdd: string, plus: boolean, today: string): string {
  const limit = String(Number(today.slice(0, 4)) - (plus ? 100 : 0)) + today.slice(4);
  const century = Number(limit.slice(0, 2));
  const birth = (c: number) => `${c}${yymmdd.slice(0, 2)}${birthMonthDay(yymmdd.slice(2))}`;
  return `${birth(century) > limit ? century - 1 : century}${yymmdd}`;
}

export type PersonnummerCheck =
  | { ok: true; personnummer: string }
  | { ok: false; reason: 'invalid' | 'future'; coordination: boolean };

/**
 * Reads a personnummer or samordningsnummer ('YYMMDD-NNNN', 'YYMMDD+NNNN', 'YYYYMMDDNNNN', with or
 * without separator) as 12 digits 'YYYYMMDDNNNN'. Refuses a bad date, check digit or format
 * ('invalid') and a birth date after `today` ('future'; 'YYYYMMDD', default Stockholm's today).
 */
export function checkPersonnummer(input: string, today: string = stockholmToday()): PersonnummerCheck {
  const match = /^(\d{2})?(\d{6})([-+]?)(\d{4})$/.exec(stripWhitespace(input));
  if (!match) return { ok: false, reason: 'invalid', coordination: false };
  const [, century, yymmdd, separator, serial] = match as unknown as [string, string | undefined, string, string, string];
  const long = (century ? century + yymmdd : withCentury(yymmdd, separator === '+', today)) + serial;
  const coordination = Number(long.slice(6, 8)) > 60;
  try {
    const parsed = Personnummer.parse(long, { allowCoordinationNumber: true, allowInterimNumber: false });
    if (parsed.format(true) !== long) return { ok: false, reason: 'invalid', coordination };
  } catch {
    return { ok: false, reason: 'invalid', coordination };
  }
  if (long.slice(0, 4) + birthMonthDay(long.slice(4, 8)) > today) return { ok: false, reason: 'future', coordination };
  return { ok: true, personnummer: long };
}

/** A valid personnummer or samordningsnummer as 12 digits 'YYYYMMDDNNNN', or null (see checkPersonnummer). */
export function normalisePersonnummer(input: string, today?: string): string | null {
  const result = checkPersonnummer(input, today);
  return result.ok ? result.personnummer : null;
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

function personnummerMessage(value: string, refused: { reason: 'invalid' | 'future'; coordination: boolean }): string {
  if (value.trim() === '') return 'Personnummer saknas';
  if (refused.reason === 'invalid') return PERSONNUMMER_ERROR;
  return refused.coordination ? SAMORDNINGSNUMMER_FUTURE_ERROR : PERSONNUMMER_FUTURE_ERROR;
}

/** A personnummer or samordningsnummer; output is 12 digits 'YYYYMMDDNNNN'. */
export const personnummerSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'Personnummer saknas' : PERSONNUMMER_ERROR) })
  .transform((value, ctx) => {
    const result = checkPersonnummer(value);
    if (!result.ok) {
      ctx.issues.push({ code: 'custom', message: personnummerMessage(value, result), input: value });
      return z.NEVER;
    }
    return result.personnummer;
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
