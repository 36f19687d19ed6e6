// Personnummer at rest: AES-256-GCM for the value, HMAC-SHA256 for equality look-ups.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'pnr:v1:';

export interface PersonalDataKeys {
  encryptionKey: string; // base64, 32 bytes
  hashKey: string; // base64, at least 32 bytes
}

export type PersonalDataCipher = ReturnType<typeof createPersonalDataCipher>;

export function createPersonalDataCipher(keys: PersonalDataKeys) {
  const key = Buffer.from(keys.encryptionKey, 'base64');
  const hmacKey = Buffer.from(keys.hashKey, 'base64');
  if (key.length !== 32) throw new Error('PNR_ENCRYPTION_KEY must be 32 bytes, base64-encoded');
  if (hmacKey.length < 32) throw new Error('PNR_HASH_KEY must be at least 32 bytes, base64-encoded');

  const seal = (clear: string): string => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ct = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  };

  const open = (sealed: string): string => {
    if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed personnummer');
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  };

  const hash = (clear: string): string => createHmac('sha256', hmacKey).update(clear).digest('hex');

  /** Seals every personnummer a case form may hold: the contact block and SITHS rows. */
  const mapSubmission = <T extends object>(submission: T, fn: (v: string) => string): T => {
    const s = structuredClone(submission) as {
      contact?: { personnummer?: string };
      rows?: Array<{ personnummer?: string }>;
    };
    if (s.contact?.personnummer) s.contact.personnummer = fn(s.contact.personnummer);
    for (const row of s.rows ?? []) if (row.personnummer) row.personnummer = fn(row.personnummer);
    return s as T;
  };

  return {
    seal,
    open,
    hash,
    sealSubmission: <T extends object>(s: T) => mapSubmission(s, seal),
    openSubmission: <T extends object>(s: T) => mapSubmission(s, open),
  };
}
