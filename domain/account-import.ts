// Moving in from an earlier customer portal: the columns of the two CSV files an administrator
// imports (accounts, and optionally their earlier cases) and what one line of each must hold. No I/O:
// services/account-import-csv.ts reads the files, services/account-import.ts applies the lines.
import { z } from 'zod';
import { CASE_TYPE_LABELS, type CaseType } from './case-types.js';
import { isOtherCaseNumber } from './case-numbers.js';
import { emailSchema, organisationsnummerSchema } from './swedish-ids.js';

/** The account file's columns (Swedish headers, any order, any case) and the field each fills. */
export const ACCOUNT_COLUMNS = {
  namn: 'name',
  'e-post': 'email',
  organisationsnummer: 'organisationsnummer',
  organisationsnamn: 'organisationName',
  enhet: 'unitName',
  roller: 'roles',
} as const;
export const REQUIRED_ACCOUNT_COLUMNS = ['namn', 'e-post', 'organisationsnummer'] as const;

/** The case file's columns. */
export const CASE_COLUMNS = {
  ärendenummer: 'caseNumber',
  'e-post': 'email',
  typ: 'type',
  rubrik: 'subject',
  beskrivning: 'description',
  skapad: 'createdAt',
  avslutad: 'closedAt',
  lösning: 'resolution',
} as const;
export const REQUIRED_CASE_COLUMNS = ['ärendenummer', 'e-post', 'typ', 'rubrik', 'skapad', 'avslutad'] as const;

/** The roles an earlier account may carry, by their Swedish names; several are separated by ';' or '|'. */
export const IMPORT_ROLES = { 'får beställa': 'canOrder', 'lokal administratör': 'isLocalAdmin' } as const;

/** A line of a file: its values by column name, and the line of the file it starts on. */
export interface ImportLine {
  line: number;
  values: Record<string, string>;
  /** Set when the line has more fields than the header has columns. */
  fieldCount?: number;
}

const text = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${label} saknas`)
    .max(max, `${label} får vara högst ${max} tecken`);
const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} får vara högst ${max} tecken`)
    .transform((v) => v || undefined);

const roles = z.string().transform((value, ctx) => {
  const names = value
    .split(/[;|]/)
    .map((r) => r.trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean);
  const granted = { canOrder: false, isLocalAdmin: false };
  for (const name of names) {
    const role = IMPORT_ROLES[name as keyof typeof IMPORT_ROLES];
    if (role) granted[role] = true;
    else {
      ctx.addIssue({ code: 'custom', message: `Okänd roll "${name}". Roller som går att ange: ${Object.keys(IMPORT_ROLES).join(', ')}` });
    }
  }
  return granted;
});

/** One line of the account file, normalised: e-mail with its domain lower-cased, organisationsnummer 'NNNNNN-NNNN'. */
export const importedAccountSchema = z.object({
  name: text('Namn', 200),
  email: emailSchema,
  organisationsnummer: organisationsnummerSchema,
  organisationName: optionalText('Organisationsnamn', 200),
  unitName: optionalText('Enhet', 200),
  roles,
});
export type ImportedAccount = z.output<typeof importedAccountSchema>;

/** This portal's own case numbers, as the database draws them (db/cases.ts). */
const OWN_CASE_NUMBER = /^KP-(\d{4})-(\d{5,})$/;
export type EarlierCaseNumber = { caseNumber: string; year: number | null; seq: number | null };

const caseNumber = z
  .string()
  .trim()
  .min(1, 'Ärendenummer saknas')
  .max(40, 'Ärendenumret får vara högst 40 tecken')
  .transform((value, ctx): EarlierCaseNumber => {
    const n = value.toUpperCase();
    const own = OWN_CASE_NUMBER.exec(n);
    if (own) {
      const year = Number(own[1]);
      const seq = Number(own[2]);
      // The form the database draws (at least five digits, no extra leading zero), so one year and
      // number is always one case number.
      if (seq > 0 && seq <= 2_147_483_647 && n === `KP-${year}-${String(seq).padStart(5, '0')}`) return { caseNumber: n, year, seq };
    } else if (isOtherCaseNumber(n)) return { caseNumber: n, year: null, seq: null };
    ctx.addIssue({
      code: 'custom',
      message: `Ärendenumret "${value}" har fel form. Ange det som i den tidigare kundportalen med bokstäver, siffror och bindestreck, till exempel ÄR-2023-1234 eller KP-2023-00012`,
    });
    return z.NEVER;
  });

const typeByName = new Map<string, CaseType>(
  Object.entries(CASE_TYPE_LABELS).flatMap(([code, label]) => [
    [code, code as CaseType],
    [label.toLowerCase(), code as CaseType],
  ]),
);
const caseType = z.string().transform((value, ctx) => {
  const type = typeByName.get(value.trim().toLowerCase());
  if (!type || type === 'siths_order') {
    const allowed = Object.entries(CASE_TYPE_LABELS)
      .filter(([code]) => code !== 'siths_order')
      .map(([, label]) => label);
    ctx.addIssue({
      code: 'custom',
      message: !value.trim()
        ? 'Typ saknas'
        : type
          ? 'En beställning av SITHS-kort kan inte flyttas in med sina kortrader. Ange typen Övrigt'
          : `Okänd typ "${value.trim()}". Typer som går att ange: ${allowed.join(', ')}`,
    });
    return z.NEVER;
  }
  return type;
});

const STOCKHOLM_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Stockholm's wall clock is ahead of UTC at `t` (milliseconds). */
function stockholmOffset(t: number): number {
  const p = Object.fromEntries(STOCKHOLM_PARTS.formatToParts(new Date(t)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - t;
}

/** Stockholm's wall-clock time as an instant (in the autumn's repeated hour, the first one). */
export function stockholmInstant(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = wall - stockholmOffset(wall);
  return new Date(wall - stockholmOffset(first));
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A date, with or without a time, in Swedish time (Europe/Stockholm): 2023-05-14 or 2023-05-14 13:45. */
const stockholmDate = (label: string) =>
  z.string().transform((value, ctx) => {
    const v = value.trim();
    const m = DATE.exec(v);
    if (!v) ctx.addIssue({ code: 'custom', message: `${label} saknas` });
    else if (!m) ctx.addIssue({ code: 'custom', message: `${label} ska anges som datum och eventuell tid, till exempel 2023-05-14 eller 2023-05-14 13:45` });
    else {
      const [year, month, day, hour, minute, second] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
      const calendar = new Date(Date.UTC(year, month - 1, day));
      if (year >= 1990 && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day && hour < 24 && minute < 60 && second < 60) {
        return stockholmInstant(year, month, day, hour, minute, second);
      }
      ctx.addIssue({ code: 'custom', message: `${label}: ${v} är inget giltigt datum` });
    }
    return z.NEVER;
  });

/** One line of the case file: a closed case with its original number and dates. */
export const importedCaseSchema = (now: Date) =>
  z
    .object({
      caseNumber,
      email: emailSchema,
      type: caseType,
      subject: text('Rubrik', 200),
      description: optionalText('Beskrivning', 10_000),
      createdAt: stockholmDate('Skapad'),
      closedAt: stockholmDate('Avslutad'),
      resolution: optionalText('Lösning', 10_000),
    })
    .superRefine((c, ctx) => {
      if (c.closedAt > now) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'Avslutad får inte vara senare än i dag' });
      if (c.closedAt < c.createdAt) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'Avslutad får inte vara före Skapad' });
    });
export type ImportedCase = z.output<ReturnType<typeof importedCaseSchema>>;
