// The fields of "Beskriv ärendet": read from a posted form into what the page shows again, and into
// the request that services/cases.ts submitCase takes. Every field is named by the dotted path the
// case schema reports its errors with (contact.email, rows.2.personnummer), so an error finds its field.
import { type CaseType, type Contact, SITHS_MAX_ROWS } from '../domain/index.js';
import type { FormErrors } from './forms.js';

export interface SithsRowValues {
  name: string;
  personnummer: string;
  email: string;
  otherInfo: string;
  pickupOffice: string;
  ownCardOffice: boolean;
}

/** The contact fields a person may change for this case; the organisation and personnummer are the account's. */
export interface ContactValues {
  unitName: string;
  name: string;
  email: string;
  notifyByEmail: boolean;
}

export interface NewCaseValues {
  contact: ContactValues;
  subject: string;
  description: string;
  service: string;
  rows: SithsRowValues[];
}

export const ROW_FIELDS = ['name', 'personnummer', 'email', 'otherInfo', 'pickupOffice', 'ownCardOffice'] as const;

export const emptyRow = (): SithsRowValues => ({ name: '', personnummer: '', email: '', otherInfo: '', pickupOffice: '', ownCardOffice: false });

/** A new form: the contact block as "Mina uppgifter" has it, one empty SITHS row. */
export const valuesFromContact = (contact: Contact): NewCaseValues => ({
  contact: { unitName: contact.unitName ?? '', name: contact.name, email: contact.email, notifyByEmail: contact.notifyByEmail },
  subject: '',
  description: '',
  service: '',
  rows: [emptyRow()],
});

const ROW_FIELD = /^rows\.(\d{1,3})\.(name|personnummer|email|otherInfo|pickupOffice|ownCardOffice)$/;

/**
 * What the person typed. Rows are taken in the order of their numbers, gaps closed; more than the cap
 * are cut to one over it, so the schema still says how many are allowed.
 */
export function readValues(form: Record<string, string>): NewCaseValues {
  const byIndex = new Map<number, SithsRowValues>();
  for (const [name, value] of Object.entries(form)) {
    const match = ROW_FIELD.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const row = byIndex.get(index) ?? emptyRow();
    const field = match[2] as (typeof ROW_FIELDS)[number];
    if (field === 'ownCardOffice') row.ownCardOffice = value === 'ja';
    else row[field] = value;
    byIndex.set(index, row);
  }
  const rows = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
  return {
    contact: {
      unitName: form['contact.unitName'] ?? '',
      name: form['contact.name'] ?? '',
      email: form['contact.email'] ?? '',
      notifyByEmail: form['contact.notifyByEmail'] === 'ja',
    },
    subject: form.subject ?? '',
    description: form.description ?? '',
    service: form.service ?? '',
    rows: rows.slice(0, SITHS_MAX_ROWS + 1),
  };
}

/** The request for submitCase, before validation: the type's own fields and the contact block. */
export function caseRequestInput(type: CaseType, v: NewCaseValues, account: Contact): Record<string, unknown> {
  const contact = {
    organisationName: account.organisationName,
    organisationsnummer: account.organisationsnummer,
    personnummer: account.personnummer,
    unitName: v.contact.unitName,
    name: v.contact.name,
    email: v.contact.email,
    notifyByEmail: v.contact.notifyByEmail,
  };
  switch (type) {
    case 'siths_order':
      return {
        type,
        contact,
        subject: v.subject,
        rows: v.rows.map((r) => ({ ...r, ownCardOffice: r.ownCardOffice || undefined })),
      };
    case 'other':
      return { type, contact, subject: v.subject, description: v.description };
    default:
      return { type, contact, subject: v.subject, description: v.description, service: v.service };
  }
}

export type RowChange = { kind: 'add' } | { kind: 'remove'; index: number };

/** "Lägg till ny rad" or "Ta bort" without JavaScript: the button that sent the form. */
export function rowChange(form: Record<string, string>): RowChange | undefined {
  if (form.rad === 'lagg-till') return { kind: 'add' };
  const remove = /^ta-bort-(\d{1,3})$/.exec(form.rad ?? '');
  return remove ? { kind: 'remove', index: Number(remove[1]) - 1 } : undefined;
}

/** The rows after the change, what to say about it, and where focus goes: as siths-rows.js does it. */
export function applyRowChange(rows: SithsRowValues[], change: RowChange): { rows: SithsRowValues[]; notice: string; focus: string } {
  if (change.kind === 'add') {
    if (rows.length >= SITHS_MAX_ROWS) return { rows, notice: `Du kan beställa högst ${SITHS_MAX_ROWS} kort i ett ärende.`, focus: 'lagg-till' };
    const added = [...rows, emptyRow()];
    return { rows: added, notice: `Rad ${added.length} är tillagd.`, focus: `rows.${added.length - 1}.name` };
  }
  if (rows.length <= 1 || change.index < 0 || change.index >= rows.length) return { rows, notice: '', focus: 'lagg-till' };
  const kept = rows.filter((_, i) => i !== change.index);
  const notice = `Rad ${change.index + 1} är borttagen. ${kept.length === 1 ? '1 rad' : `${kept.length} rader`} kvar.`;
  return { rows: kept, notice, focus: change.index < kept.length ? `rows.${change.index}.name` : 'lagg-till' };
}

// --- errors ----------------------------------------------------------------------------------------

const CASE_FIELDS = ['type', 'subject', 'description', 'service', 'rows'];
const CONTACT_FIELDS = ['organisationName', 'organisationsnummer', 'personnummer', 'unitName', 'name', 'email', 'notifyByEmail'];

/** Where a field stands in the form: the type's fields, the rows in order, then the contact block. */
function position(field: string): number[] {
  const row = /^rows\.(\d+)(?:\.(\w+))?$/.exec(field);
  if (row) return [1, Number(row[1]), row[2] ? ROW_FIELDS.indexOf(row[2] as (typeof ROW_FIELDS)[number]) : -1];
  if (field.startsWith('contact')) return [2, CONTACT_FIELDS.indexOf(field.slice('contact.'.length))];
  const index = CASE_FIELDS.indexOf(field);
  return [0, index === -1 ? CASE_FIELDS.length : index];
}

const compare = (a: number[], b: number[]) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** Every field the page renders with an id; an error elsewhere (a whole block, the body) points to the form's heading. */
function linkable(field: string): string {
  if (/^rows\.\d+(\.(name|personnummer|email|otherInfo|pickupOffice|ownCardOffice))?$/.test(field)) return field;
  if (CASE_FIELDS.includes(field)) return field;
  if (CONTACT_FIELDS.some((f) => field === `contact.${f}`)) return field;
  return 'arende';
}

/** The errors in the order of the form, each naming a field the page has. */
export function formErrors(errors: FormErrors): FormErrors {
  return errors
    .map((e) => ({ field: linkable(e.field), message: e.message }))
    .sort((a, b) => compare(position(a.field), position(b.field)));
}

/** The error summary's words: a row's error says which row. */
export function summaryText(errors: FormErrors): FormErrors {
  return errors.map((e) => {
    const row = /^rows\.(\d+)/.exec(e.field);
    return row ? { field: e.field, message: `Rad ${Number(row[1]) + 1}: ${e.message}` } : e;
  });
}
