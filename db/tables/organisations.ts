import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  organisationsnummer: string;
  name: string;
  verifiedAt: Date | null;
  registeredByAccountId: number | null;
  verifiedByStaffId: number | null;
  createdAt: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<number>;
  organisationId: number;
  name: string;
  createdAt: Generated<Date>;
}
