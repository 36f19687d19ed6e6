// Sample people and case submissions for tests, the benchmark and development; identities are valid
// (Luhn check digit computed) but made up.
/** The Luhn check digit used by personnummer and organisationsnummer. */
export function luhn(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A valid 12-digit personnummer born on the given date with the given 3-digit serial. */
export function personnummer(yyyymmdd: string, serial: number): string {
  const nine = yyyymmdd.slice(2) + String(serial).padStart(3, '0');
  return `${yyyymmdd}${String(serial).padStart(3, '0')}${luhn(nine)}`;
}

/**
 * A valid personnummer drawn from 60 years of birth dates and 800 serials: tests that log new people in
 * on a database other runs left accounts in meet an existing one about once in a million draws.
 */
export function randomPersonnummer(): string {
  const day = new Date(Date.UTC(1940, 0, 1) + Math.floor(Math.random() * 60 * 365) * 86_400_000);
  return personnummer(day.toISOString().slice(0, 10).replaceAll('-', ''), 100 + Math.floor(Math.random() * 800));
}

/** A valid organisationsnummer whose first six digits are given (third digit ≥ 2, as for legal persons). */
export function organisationsnummer(six: string, serial = 123): string {
  const nine = `${six}${String(serial).padStart(3, '0')}`;
  return `${six}-${nine.slice(6)}${luhn(nine)}`;
}

export const ORGANISATIONSNUMMER = '556016-0680';
export const PICKUP_OFFICE = 'Stockholm – Kortkontoret City';

export function contact(email: string, overrides: Record<string, unknown> = {}) {
  return {
    organisationName: 'Region Exempel',
    organisationsnummer: ORGANISATIONSNUMMER,
    unitName: 'Vårdcentralen Åby',
    personnummer: personnummer('19850709', 980),
    name: 'Åsa Öberg',
    email,
    notifyByEmail: true,
    ...overrides,
  };
}

export function sithsOrder(email: string, rows = 3) {
  return {
    type: 'siths_order',
    contact: contact(email),
    rows: Array.from({ length: rows }, (_, i) => ({
      name: `Person Ärlig ${i + 1}`,
      personnummer: personnummer('19900101', 100 + i),
      email: `person${i + 1}@exempel.se`,
      ...(i % 2 === 0 ? { pickupOffice: PICKUP_OFFICE } : { ownCardOffice: true }),
    })),
  };
}

export function question(email: string) {
  return {
    type: 'question',
    contact: contact(email),
    subject: 'Fråga om inloggning',
    description: 'Hur loggar vi in med SITHS eID på mobilen?',
    service: 'SITHS',
  };
}
