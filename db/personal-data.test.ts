import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseSubmissionSchema, type CaseSubmission } from '../domain/index.js';
import { PICKUP_OFFICE, question, sithsOrder } from '../scripts/sample-cases.js';
import { createPersonalDataCipher } from './personal-data.js';

const key = (bytes = 32) => randomBytes(bytes).toString('base64');
const keys = { encryptionKey: key(), hashKey: key() };
const cipher = createPersonalDataCipher(keys);
const PNR = '198507099805';

const schema = caseSubmissionSchema({ pickupOffices: [PICKUP_OFFICE] });

/** Flips one bit of the decoded payload at `index` (0–11 IV, 12–27 tag, 28… ciphertext). */
function tamper(sealed: string, index: number): string {
  const prefix = sealed.slice(0, sealed.indexOf(':v1:') + 4);
  const raw = Buffer.from(sealed.slice(prefix.length), 'base64');
  raw[index] = raw[index]! ^ 0x01;
  return prefix + raw.toString('base64');
}

describe('seal and open', () => {
  it('round-trips a personnummer', () => {
    const sealed = cipher.seal(PNR);
    expect(sealed.startsWith('pnr:v1:')).toBe(true);
    expect(cipher.open(sealed)).toBe(PNR);
  });

  it('round-trips other text, empty and non-ASCII', () => {
    for (const clear of ['', '19121212+1212', 'Åsa Öberg – ärende']) expect(cipher.open(cipher.seal(clear))).toBe(clear);
  });

  it('gives a different ciphertext every time, none containing the clear value', () => {
    const sealed = Array.from({ length: 50 }, () => cipher.seal(PNR));
    expect(new Set(sealed).size).toBe(sealed.length);
    for (const s of sealed) {
      expect(s).not.toContain(PNR);
      expect(s).not.toContain(PNR.slice(2)); // nor the 10-digit form
      expect(Buffer.from(s.slice('pnr:v1:'.length), 'base64').toString('latin1')).not.toContain(PNR);
      expect(cipher.open(s)).toBe(PNR);
    }
  });

  it('throws on a tampered IV, tag or ciphertext', () => {
    const sealed = cipher.seal(PNR);
    for (const index of [0, 11, 12, 27, 28, 28 + PNR.length - 1]) {
      expect(() => cipher.open(tamper(sealed, index)), `byte ${index}`).toThrow();
    }
  });

  it('throws on a truncated value, a missing prefix or garbage', () => {
    const sealed = cipher.seal(PNR);
    expect(() => cipher.open(sealed.slice(0, -4))).toThrow();
    expect(() => cipher.open(sealed.slice('pnr:v1:'.length))).toThrow('Not a sealed personnummer');
    expect(() => cipher.open(PNR)).toThrow('Not a sealed personnummer');
    expect(() => cipher.open('pnr:v1:')).toThrow();
    expect(() => cipher.open('pnr:v1:AAAA')).toThrow();
  });

  it('cannot be opened with another encryption key', () => {
    const other = createPersonalDataCipher({ encryptionKey: key(), hashKey: keys.hashKey });
    expect(() => other.open(cipher.seal(PNR))).toThrow();
  });
});

describe('hash', () => {
  it('is stable for one key and differs between values', () => {
    expect(cipher.hash(PNR)).toBe(cipher.hash(PNR));
    expect(createPersonalDataCipher(keys).hash(PNR)).toBe(cipher.hash(PNR));
    expect(cipher.hash(PNR)).toMatch(/^[0-9a-f]{64}$/);
    expect(cipher.hash(PNR)).not.toBe(cipher.hash('198507099813'));
    expect(cipher.hash(PNR)).not.toContain(PNR);
  });

  it('is keyed: another hash key gives another hash, the encryption key does not matter', () => {
    const otherHashKey = createPersonalDataCipher({ encryptionKey: keys.encryptionKey, hashKey: key() });
    expect(otherHashKey.hash(PNR)).not.toBe(cipher.hash(PNR));
    const otherEncKey = createPersonalDataCipher({ encryptionKey: key(), hashKey: keys.hashKey });
    expect(otherEncKey.hash(PNR)).toBe(cipher.hash(PNR));
  });

  it('is not a plain SHA-256 of the value', async () => {
    const { createHash } = await import('node:crypto');
    expect(cipher.hash(PNR)).not.toBe(createHash('sha256').update(PNR).digest('hex'));
  });
});

describe('sealSubmission and openSubmission', () => {
  const siths = schema.parse(sithsOrder('asa@exempel.se', 5)) as Extract<CaseSubmission, { type: 'siths_order' }>;

  it('seals the contact and every row of a SITHS order, and nothing else', () => {
    const snapshot = structuredClone(siths);
    const sealed = cipher.sealSubmission(siths);

    expect(siths).toEqual(snapshot); // input not mutated
    expect(sealed).not.toBe(siths);
    expect(sealed.contact.personnummer).toMatch(/^pnr:v1:/);
    expect(cipher.open(sealed.contact.personnummer)).toBe(siths.contact.personnummer);
    expect(sealed.rows).toHaveLength(5);
    sealed.rows.forEach((row, i) => {
      expect(row.personnummer).toMatch(/^pnr:v1:/);
      expect(cipher.open(row.personnummer)).toBe(siths.rows[i]!.personnummer);
      expect({ ...row, personnummer: undefined }).toEqual({ ...siths.rows[i], personnummer: undefined });
    });
    expect({ ...sealed, contact: { ...sealed.contact, personnummer: undefined }, rows: undefined }).toEqual({
      ...siths,
      contact: { ...siths.contact, personnummer: undefined },
      rows: undefined,
    });

    const json = JSON.stringify(sealed);
    expect(json).not.toMatch(/\d{12}/);
    for (const r of siths.rows) expect(json).not.toContain(r.personnummer);
    expect(json).not.toContain(siths.contact.personnummer);
  });

  it('opens a sealed submission back to the original without mutating it', () => {
    const sealed = cipher.sealSubmission(siths);
    const sealedSnapshot = structuredClone(sealed);
    expect(cipher.openSubmission(sealed)).toEqual(siths);
    expect(sealed).toEqual(sealedSnapshot);
  });

  it('survives a JSON round trip, as it does through a jsonb column', () => {
    const stored = JSON.parse(JSON.stringify(cipher.sealSubmission(siths)));
    expect(cipher.openSubmission(stored)).toEqual(siths);
  });

  it('seals the contact of a submission without rows', () => {
    const q = schema.parse(question('asa@exempel.se'));
    const sealed = cipher.sealSubmission(q);
    expect(sealed.contact.personnummer).toMatch(/^pnr:v1:/);
    expect('rows' in sealed).toBe(false);
    expect(cipher.openSubmission(sealed)).toEqual(q);
  });

  it('refuses to open a submission whose personnummer was never sealed', () => {
    expect(() => cipher.openSubmission(siths)).toThrow('Not a sealed personnummer');
  });
});

describe('keys', () => {
  it('refuses an encryption key that is not 32 bytes', () => {
    for (const bytes of [0, 16, 24, 31, 33, 64]) {
      expect(() => createPersonalDataCipher({ encryptionKey: key(bytes), hashKey: key() }), `${bytes} bytes`).toThrow(
        'PNR_ENCRYPTION_KEY must be 32 bytes',
      );
    }
  });

  it('refuses a hash key shorter than 32 bytes and accepts a longer one', () => {
    for (const bytes of [0, 16, 31]) {
      expect(() => createPersonalDataCipher({ encryptionKey: key(), hashKey: key(bytes) }), `${bytes} bytes`).toThrow(
        'PNR_HASH_KEY must be at least 32 bytes',
      );
    }
    expect(() => createPersonalDataCipher({ encryptionKey: key(), hashKey: key(64) })).not.toThrow();
  });

  it('refuses a key given as text rather than base64 of 32 bytes', () => {
    expect(() => createPersonalDataCipher({ encryptionKey: 'secret', hashKey: key() })).toThrow();
    expect(() => createPersonalDataCipher({ encryptionKey: key(), hashKey: 'secret' })).toThrow();
  });
});
