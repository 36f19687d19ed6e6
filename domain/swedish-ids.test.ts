import { describe, it, expect } from 'vitest';
import {
  checkPersonnummer,
  emailSchema,
  maskPersonnummer,
  normaliseOrganisationsnummer,
  normalisePersonnummer,
  organisationsnummerSchema,
  personnummerSchema,
  stockholmToday,
} from './swedish-ids.js';
import { personnummer } from '../scripts/sample-cases.js';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('personnummerSchema', () => {
  it.each([
    ['198507099805', '198507099805'],
    ['19850709-9805', '198507099805'],
    ['8507099805', '198507099805'],
    ['850709-9805', '198507099805'],
    ['  850709-9805 ', '198507099805'],
    ['19121212+1212', '191212121212'],
    ['121212+1212', '191212121212'],
  ])('accepts %j and normalises it to %s', (input, expected) => {
    expect(personnummerSchema.parse(input)).toBe(expected);
  });

  it('reads a 10-digit number with + as someone over 100 years old', () => {
    expect(personnummerSchema.parse('121212+1212').slice(0, 4)).toBe('1912');
  });

  it('accepts a samordningsnummer (day + 60) with a correct check digit', () => {
    expect(personnummerSchema.parse('198507699802')).toBe('198507699802');
    expect(personnummerSchema.parse('850769-9802')).toBe('198507699802');
  });

  it.each([
    ['bad check digit', '198507099806'],
    ['bad check digit, 10 digits', '850709-9806'],
    ['samordningsnummer with bad check digit', '198507699803'],
    ['date that does not exist', '19850230-1234'],
    ['month 13', '19851301-1234'],
    ['too short', '85070998'],
    ['too long', '1985070998051'],
    ['letters', 'abcdefghijkl'],
    ['interim number', '850709-T805'],
    ['wrong separator', '850709/9805'],
  ])('refuses %s (%s) with a Swedish message', (_label, input) => {
    const result = personnummerSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(firstMessage(result)).toBe('Ogiltigt personnummer');
  });

  it('says the personnummer is missing when empty or absent', () => {
    expect(firstMessage(personnummerSchema.safeParse(''))).toBe('Personnummer saknas');
    expect(firstMessage(personnummerSchema.safeParse(undefined))).toBe('Personnummer saknas');
  });

  it('refuses a number instead of a string', () => {
    expect(firstMessage(personnummerSchema.safeParse(198507099805))).toBe('Ogiltigt personnummer');
  });

  it('normalisePersonnummer returns null for invalid input', () => {
    expect(normalisePersonnummer('198502300000')).toBeNull();
    expect(normalisePersonnummer('850709-9805')).toBe('198507099805');
  });
});

describe('a birth date that has not happened yet', () => {
  const today = '20260315';

  it('refuses a future personnummer and samordningsnummer with a Swedish message', () => {
    expect(firstMessage(personnummerSchema.safeParse('209912311231'))).toBe('Födelsedatumet i personnumret har inte inträffat än');
    expect(firstMessage(personnummerSchema.safeParse(personnummer('20991291', 123)))).toBe(
      'Födelsedatumet i samordningsnumret har inte inträffat än',
    );
  });

  it("compares with Stockholm's today: tomorrow is refused, today is accepted", () => {
    const born = (date: string) => checkPersonnummer(personnummer(date, 123), today);
    expect(born('20260316')).toEqual({ ok: false, reason: 'future', coordination: false });
    expect(born('20260376')).toEqual({ ok: false, reason: 'future', coordination: true });
    expect(born('20260315')).toEqual({ ok: true, personnummer: personnummer('20260315', 123) });
    expect(born('20260375')).toEqual({ ok: true, personnummer: personnummer('20260375', 123) });
  });

  it('puts a 10-digit number in the last century when this century would be the future', () => {
    const future = personnummer('20261231', 123).slice(2);
    expect(normalisePersonnummer(`${future.slice(0, 6)}-${future.slice(6)}`, today)).toBe(`19${future}`);
    const past = personnummer('20260101', 123).slice(2);
    expect(normalisePersonnummer(past, today)).toBe(`20${past}`);
    // '+': over a hundred years old, so 1926-12-31 (99 years) becomes 1826.
    expect(normalisePersonnummer(`${future.slice(0, 6)}+${future.slice(6)}`, today)).toBe(`18${future}`);
  });

  it("takes today's date in Stockholm, not UTC", () => {
    expect(stockholmToday(new Date('2026-12-31T23:30:00Z'))).toBe('20270101');
    expect(stockholmToday(new Date('2026-06-30T21:59:00Z'))).toBe('20260630');
    expect(stockholmToday(new Date('2026-06-30T22:00:00Z'))).toBe('20260701');
  });
});

describe('organisationsnummerSchema', () => {
  it.each([
    ['556016-0680', '556016-0680'],
    ['5560160680', '556016-0680'],
    [' 556016-0680 ', '556016-0680'],
    ['16556016-0680', '556016-0680'],
    ['212000-0142', '212000-0142'],
    ['2120000142', '212000-0142'],
  ])('accepts the legal entity number %j as %s', (input, expected) => {
    expect(organisationsnummerSchema.parse(input)).toBe(expected);
  });

  it.each([
    ['850709-9805', '850709-9805'],
    ['8507099805', '850709-9805'],
    ['19850709-9805', '850709-9805'],
    ['198507099805', '850709-9805'],
  ])("accepts an enskild firma's personnummer %j as %s", (input, expected) => {
    expect(organisationsnummerSchema.parse(input)).toBe(expected);
  });

  it.each([
    ['bad check digit', '556016-0681'],
    ['enskild firma with bad check digit', '850709-9806'],
    ['wrong prefix', '26556016-0680'],
    ['too short', '55601606'],
    ['letters', '556016-068X'],
  ])('refuses %s (%s) with a Swedish message', (_label, input) => {
    const result = organisationsnummerSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(firstMessage(result)).toBe('Ogiltigt organisationsnummer');
  });

  it('says the organisationsnummer is missing when empty', () => {
    expect(firstMessage(organisationsnummerSchema.safeParse('  '))).toBe('Organisationsnummer saknas');
  });

  it('normaliseOrganisationsnummer returns null for invalid input', () => {
    expect(normaliseOrganisationsnummer('556016-0681')).toBeNull();
    expect(normaliseOrganisationsnummer('5560160680')).toBe('556016-0680');
  });
});

describe('emailSchema', () => {
  it('trims and lowercases the domain but keeps the local part', () => {
    expect(emailSchema.parse('  Anna.Svensson@Exempel.SE ')).toBe('Anna.Svensson@exempel.se');
  });

  it('accepts Swedish letters in the domain', () => {
    expect(emailSchema.parse('info@räksmörgås.se')).toBe('info@räksmörgås.se');
  });

  it.each(['anna', 'anna@', '@exempel.se', 'anna@exempel', 'an na@exempel.se', 'anna..s@exempel.se'])(
    'refuses %j with a Swedish message',
    (input) => {
      const result = emailSchema.safeParse(input);
      expect(result.success).toBe(false);
      expect(firstMessage(result)).toBe('Ogiltig e-postadress');
    },
  );

  it('says the address is missing when empty', () => {
    expect(firstMessage(emailSchema.safeParse(''))).toBe('E-postadress saknas');
  });
});

describe('maskPersonnummer', () => {
  it('hides the last four digits', () => {
    expect(maskPersonnummer('198507099805')).toBe('19850709-****');
  });

  it('masks a 10-digit or hyphenated number too', () => {
    expect(maskPersonnummer('850709-9805')).toBe('850709-****');
    expect(maskPersonnummer('19850709-9805')).toBe('19850709-****');
  });

  it('masks anything unexpected entirely', () => {
    expect(maskPersonnummer('12345')).toBe('****');
  });
});
