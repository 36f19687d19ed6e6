// The JSON shapes of accounts, members, organisations, notifications and tokens.
import type { AccountRow } from '../../db/accounts.js';
import type { PersonalDataCipher } from '../../db/personal-data.js';
import { accountPersonnummer, contactFromAccount } from '../../services/accounts.js';
import type { Member } from '../../services/organisation.js';
import { iso, isoOrNull } from './case.js';

export const organisation = (o: { id: number; name: string; organisationsnummer: string; verifiedAt: Date | null }) => ({
  id: o.id,
  name: o.name,
  organisationsnummer: o.organisationsnummer,
  verified: o.verifiedAt !== null,
});

/** "Mina uppgifter": their own number in full, the one reader who needs it unmasked. */
export const me = (cipher: PersonalDataCipher, a: AccountRow) => ({
  id: a.id,
  name: a.name,
  email: a.email,
  unitName: a.unitName,
  notifyByEmail: a.notifyByEmail,
  personnummer: accountPersonnummer(cipher, a),
  organisation: organisation({ id: a.organisationId, name: a.organisationName, organisationsnummer: a.organisationsnummer, verifiedAt: a.organisationVerifiedAt }),
  roles: { canOrder: a.canOrder, isLocalAdmin: a.isLocalAdmin },
  contact: contactFromAccount(cipher, a),
});

export const member = (m: Member) => ({
  id: m.id,
  name: m.name,
  email: m.email,
  unitName: m.unitName,
  roles: { canOrder: m.canOrder, isLocalAdmin: m.isLocalAdmin },
  createdAt: iso(m.createdAt),
});

export const notification = (n: { id: number; caseNumber: string; kind: string; title: string; body: string; readAt: Date | null; createdAt: Date }) => ({
  id: n.id,
  caseNumber: n.caseNumber,
  kind: n.kind as 'received' | 'status' | 'message' | 'info_request',
  title: n.title,
  body: n.body,
  read: n.readAt !== null,
  createdAt: iso(n.createdAt),
});

export const token = (t: { id: number; name: string; hint: string | null; createdAt: Date; lastUsedAt?: Date | null }) => ({
  id: t.id,
  name: t.name,
  hint: t.hint ? `${t.hint}…` : null,
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt ?? null),
});
