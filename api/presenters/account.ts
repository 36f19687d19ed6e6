// The JSON shapes of accounts, members, organisations, notifications and tokens.
import type { AccountRow } from '../../db/accounts.js';
import type { PersonalDataCipher } from '../../db/personal-data.js';
import { contactFromAccount } from '../../services/accounts.js';
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
  unitName: a.unit_name,
  notifyByEmail: a.notify_by_email,
  personnummer: cipher.open(a.personnummer_enc),
  organisation: organisation({ id: a.organisation_id, name: a.organisation_name, organisationsnummer: a.organisationsnummer, verifiedAt: a.organisation_verified_at }),
  roles: { canOrder: a.can_order, isLocalAdmin: a.is_local_admin },
  contact: contactFromAccount(cipher, a),
});

export const member = (m: Member) => ({
  id: m.id,
  name: m.name,
  email: m.email,
  unitName: m.unit_name,
  roles: { canOrder: m.can_order, isLocalAdmin: m.is_local_admin },
  createdAt: iso(m.created_at),
});

export const notification = (n: { id: number; case_number: string; kind: string; title: string; body: string; read_at: Date | null; created_at: Date }) => ({
  id: n.id,
  caseNumber: n.case_number,
  kind: n.kind as 'received' | 'status' | 'message' | 'info_request',
  title: n.title,
  body: n.body,
  read: n.read_at !== null,
  createdAt: iso(n.created_at),
});

export const token = (t: { id: number; name: string; hint: string | null; created_at: Date; last_used_at?: Date | null }) => ({
  id: t.id,
  name: t.name,
  hint: t.hint ? `${t.hint}…` : null,
  createdAt: iso(t.created_at),
  lastUsedAt: isoOrNull(t.last_used_at ?? null),
});
