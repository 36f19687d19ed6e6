import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import {
  CASE_TYPES,
  CASE_TYPE_LABELS,
  SITHS_DEFAULT_SUBJECT,
  caseSubject,
  caseSubmissionSchema,
  caseTypeSchema,
  contactSchema,
  type CaseSubmission,
} from './case-types.js';
import { problem, swedishErrorMap, validationProblem, VALIDATION_PROBLEM_TYPE } from './problem.js';

const OFFICES = ['Stockholm – Kortkontoret City', 'Malmö – Kortkontoret Väster'];
const schema = caseSubmissionSchema({ pickupOffices: OFFICES });

const contact = {
  organisationName: 'Exempel AB',
  organisationsnummer: '5560160680',
  personnummer: '850709-9805',
  name: 'Anna Svensson',
  email: 'anna@Exempel.se',
  notifyByEmail: true,
};

const row = (extra: Record<string, unknown> = {}) => ({
  name: 'Bertil Berg',
  personnummer: '19850769-9802',
  email: 'bertil@exempel.se',
  pickupOffice: OFFICES[0],
  ...extra,
});

const siths = (rows: unknown[], extra: Record<string, unknown> = {}) => ({
  type: 'siths_order',
  contact,
  rows,
  ...extra,
});

/** Field errors of a failed parse, as 'field: message' strings. */
function errorsOf(input: unknown): string[] {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  if (result.success) return [];
  return validationProblem(result.error).errors.map((e) => `${e.field}: ${e.message}`);
}

describe('case types', () => {
  it('has Swedish labels for every type', () => {
    expect(CASE_TYPES).toEqual(['question', 'fault_report', 'improvement', 'order', 'siths_order', 'other']);
    expect(CASE_TYPE_LABELS).toEqual({
      question: 'Fråga',
      fault_report: 'Felanmälan',
      improvement: 'Förbättringsförslag',
      order: 'Beställning',
      siths_order: 'Beställning av SITHS-kort',
      other: 'Övrigt',
    });
  });

  it('caseTypeSchema refuses an unknown type in Swedish', () => {
    expect(caseTypeSchema.parse('other')).toBe('other');
    expect(caseTypeSchema.safeParse('bug').error?.issues[0]?.message).toBe('Välj en giltig ärendetyp');
  });
});

describe('contactSchema', () => {
  it('normalises identity numbers and the e-mail domain', () => {
    expect(contactSchema.parse({ ...contact, unitName: ' IT-enheten ' })).toEqual({
      organisationName: 'Exempel AB',
      organisationsnummer: '556016-0680',
      unitName: 'IT-enheten',
      personnummer: '198507099805',
      name: 'Anna Svensson',
      email: 'anna@exempel.se',
      notifyByEmail: true,
    });
  });

  it('treats an empty unit name as not given', () => {
    expect(contactSchema.parse({ ...contact, unitName: '' }).unitName).toBeUndefined();
  });

  it('refuses unknown fields', () => {
    const result = contactSchema.safeParse({ ...contact, role: 'admin' });
    expect(result.success).toBe(false);
    expect(validationProblem(result.error!).errors).toEqual([{ field: 'role', message: 'Okänt fält' }]);
  });

  it('requires notifyByEmail as a boolean', () => {
    const { notifyByEmail: _omitted, ...withoutNotify } = contact;
    expect(contactSchema.safeParse(withoutNotify).error?.issues[0]?.message).toBe(
      'Ange om du vill få besked via e-post',
    );
    expect(contactSchema.safeParse({ ...contact, notifyByEmail: 'ja' }).success).toBe(false);
  });

  it('limits the organisation name to 200 characters', () => {
    expect(contactSchema.safeParse({ ...contact, organisationName: 'x'.repeat(200) }).success).toBe(true);
    expect(contactSchema.safeParse({ ...contact, organisationName: 'x'.repeat(201) }).error?.issues[0]?.message).toBe(
      'Organisationens namn får vara högst 200 tecken',
    );
  });
});

describe('free-text case types', () => {
  it.each(['question', 'fault_report', 'improvement'] as const)('accepts %s with an optional service', (type) => {
    const parsed = schema.parse({
      type,
      contact,
      subject: '  Inloggningen fungerar inte  ',
      description: 'Det går inte att logga in.',
      service: 'E-tjänst X',
    });
    expect(parsed).toMatchObject({ type, subject: 'Inloggningen fungerar inte', service: 'E-tjänst X' });
    expect(parsed.contact.personnummer).toBe('198507099805');
  });

  it('accepts other without service and refuses a service on it', () => {
    const base = { type: 'other', contact, subject: 'Övrig fråga', description: 'Text' };
    expect(schema.parse(base).type).toBe('other');
    expect(errorsOf({ ...base, service: 'X' })).toEqual(['service: Okänt fält']);
  });

  it('requires subject of 3 to 200 characters after trimming', () => {
    const base = { type: 'question', contact, description: 'Text' };
    expect(errorsOf({ ...base, subject: '  ab  ' })).toEqual(['subject: Rubrik måste vara minst 3 tecken']);
    expect(errorsOf({ ...base, subject: '   ' })).toEqual(['subject: Rubrik saknas']);
    expect(errorsOf({ ...base, subject: 'x'.repeat(201) })).toEqual(['subject: Rubrik får vara högst 200 tecken']);
    expect(schema.safeParse({ ...base, subject: 'x'.repeat(200) }).success).toBe(true);
  });

  it('limits the description to 10 000 characters', () => {
    const base = { type: 'fault_report', contact, subject: 'Fel' };
    expect(schema.safeParse({ ...base, description: 'x'.repeat(10_000) }).success).toBe(true);
    expect(errorsOf({ ...base, description: 'x'.repeat(10_001) })).toEqual([
      'description: Beskrivning får vara högst 10000 tecken',
    ]);
    expect(errorsOf({ ...base, description: '' })).toEqual(['description: Beskrivning saknas']);
  });

  it('refuses unknown top-level fields', () => {
    expect(errorsOf({ type: 'question', contact, subject: 'Fråga', description: 'x', status: 'closed' })).toEqual([
      'status: Okänt fält',
    ]);
  });

  it('refuses an unknown type', () => {
    expect(errorsOf({ type: 'bug', contact, subject: 'Fråga', description: 'x' })).toEqual([
      'type: Välj en giltig ärendetyp',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf('hej')).toEqual([': Ärendet har fel format']);
  });
});

describe('siths_order', () => {
  it('accepts one row and defaults the subject', () => {
    const parsed = schema.parse(siths([row()]));
    expect(parsed.subject).toBe(SITHS_DEFAULT_SUBJECT);
    if (parsed.type !== 'siths_order') throw new Error('wrong type');
    expect(parsed.rows).toEqual([
      {
        name: 'Bertil Berg',
        personnummer: '198507699802',
        email: 'bertil@exempel.se',
        pickupOffice: OFFICES[0],
      },
    ]);
  });

  it('treats an empty subject as the default and keeps a given one', () => {
    expect(schema.parse(siths([row()], { subject: '' })).subject).toBe(SITHS_DEFAULT_SUBJECT);
    expect(schema.parse(siths([row()], { subject: 'Kort till IT' })).subject).toBe('Kort till IT');
  });

  it('refuses zero rows', () => {
    expect(errorsOf(siths([]))).toEqual(['rows: Minst en rad krävs']);
  });

  it('refuses missing rows', () => {
    expect(errorsOf({ type: 'siths_order', contact })).toEqual(['rows: Minst en rad krävs']);
  });

  it('accepts 50 rows', () => {
    const parsed = schema.parse(siths(Array.from({ length: 50 }, () => row())));
    expect(parsed.type === 'siths_order' && parsed.rows.length).toBe(50);
  });

  it('refuses 51 rows', () => {
    expect(errorsOf(siths(Array.from({ length: 51 }, () => row())))).toEqual(['rows: Högst 50 rader']);
  });

  it('accepts own card office instead of a pickup office', () => {
    const parsed = schema.parse(siths([row({ pickupOffice: undefined, ownCardOffice: true })]));
    expect(parsed.type === 'siths_order' && parsed.rows[0]).toMatchObject({ ownCardOffice: true });
  });

  it('treats an empty pickup office as not chosen', () => {
    expect(schema.safeParse(siths([row({ pickupOffice: '', ownCardOffice: true })])).success).toBe(true);
  });

  it('refuses both a pickup office and own card office', () => {
    expect(errorsOf(siths([row({ ownCardOffice: true })]))).toEqual([
      'rows.0.pickupOffice: Välj antingen kortutlämningskontor eller eget kortkontor, inte båda',
    ]);
  });

  it('refuses neither a pickup office nor own card office', () => {
    const expected = ['rows.0.pickupOffice: Välj ett kortutlämningskontor eller ange eget kortkontor'];
    expect(errorsOf(siths([row({ pickupOffice: undefined })]))).toEqual(expected);
    expect(errorsOf(siths([row({ pickupOffice: undefined, ownCardOffice: false })]))).toEqual(expected);
  });

  it('refuses an unknown pickup office', () => {
    expect(errorsOf(siths([row({ pickupOffice: 'Kiruna' })]))).toEqual([
      'rows.0.pickupOffice: Okänt kortutlämningskontor',
    ]);
  });

  it('requires name, personnummer and e-mail on each row', () => {
    expect(errorsOf(siths([{ pickupOffice: OFFICES[1] }]))).toEqual([
      'rows.0.name: För- och efternamn saknas',
      'rows.0.personnummer: Personnummer saknas',
      'rows.0.email: E-postadress saknas',
    ]);
  });

  it('limits other info to 1000 characters', () => {
    expect(schema.safeParse(siths([row({ otherInfo: 'x'.repeat(1000) })])).success).toBe(true);
    expect(errorsOf(siths([row({ otherInfo: 'x'.repeat(1001) })]))).toEqual([
      'rows.0.otherInfo: Övrig information får vara högst 1000 tecken',
    ]);
  });

  it('refuses unknown fields on a row', () => {
    expect(errorsOf(siths([row({ phone: '070' })]))).toEqual(['rows.0.phone: Okänt fält']);
  });

  it('refuses free-text fields on a SITHS order', () => {
    expect(errorsOf(siths([row()], { description: 'x' }))).toEqual(['description: Okänt fält']);
  });
});

describe('validationProblem', () => {
  it('builds an RFC 9457 problem with dotted field paths', () => {
    const input = siths([row(), row(), row(), row({ email: 'inte-en-adress' })], {
      contact: { ...contact, personnummer: '19850709-9806' },
    });
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(validationProblem(result.error!)).toEqual({
      type: VALIDATION_PROBLEM_TYPE,
      title: 'Ogiltiga uppgifter',
      status: 400,
      detail: '2 uppgifter är felaktiga eller saknas.',
      errors: [
        { field: 'contact.personnummer', message: 'Ogiltigt personnummer' },
        { field: 'rows.3.email', message: 'Ogiltig e-postadress' },
      ],
    });
  });

  it('reports rows.0.personnummer and still reports the office choice of the same row', () => {
    expect(errorsOf(siths([row({ personnummer: '19850230-1234', ownCardOffice: true })]))).toEqual([
      'rows.0.personnummer: Ogiltigt personnummer',
      'rows.0.pickupOffice: Välj antingen kortutlämningskontor eller eget kortkontor, inte båda',
    ]);
  });

  it('uses a singular detail for one error', () => {
    const result = schema.safeParse(siths([]));
    expect(validationProblem(result.error!).detail).toBe('En uppgift är felaktig eller saknas.');
  });
});

describe('problem', () => {
  it('defaults type to about:blank and omits a missing detail', () => {
    expect(problem(404, 'Ärendet finns inte')).toEqual({ type: 'about:blank', title: 'Ärendet finns inte', status: 404 });
  });

  it('adds detail and extension members, which cannot override status or title', () => {
    expect(
      problem(409, 'Konflikt', 'Ärendet är redan avslutat.', {
        type: 'https://kundportal.se/problems/conflict',
        status: 200,
        caseId: 'abc',
      }),
    ).toEqual({
      type: 'https://kundportal.se/problems/conflict',
      title: 'Konflikt',
      status: 409,
      detail: 'Ärendet är redan avslutat.',
      caseId: 'abc',
    });
  });
});

describe('swedishErrorMap', () => {
  it('gives Swedish messages for schemas without their own', () => {
    const s = z.object({ n: z.number().min(1), tags: z.array(z.string()).max(1), kind: z.enum(['a', 'b']) });
    const result = s.safeParse({ tags: ['x', 'y'], kind: 'c' }, { error: swedishErrorMap });
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      'Obligatoriskt fält saknas',
      'Högst 1 post är tillåten',
      'Ogiltigt värde: tillåtna värden är a, b',
    ]);
  });
});

describe('caseSubject', () => {
  it('returns the subject of a free-text case', () => {
    const parsed: CaseSubmission = schema.parse({ type: 'question', contact, subject: 'Min fråga', description: 'x' });
    expect(caseSubject(parsed)).toBe('Min fråga');
  });

  it('returns the default subject of a SITHS order', () => {
    expect(caseSubject(schema.parse(siths([row()])))).toBe('Beställning av SITHS-kort');
    expect(caseSubject({ type: 'siths_order' })).toBe('Beställning av SITHS-kort');
  });

  it('falls back to the type label when the subject is blank', () => {
    expect(caseSubject({ type: 'fault_report', subject: '  ' })).toBe('Felanmälan');
  });
});
