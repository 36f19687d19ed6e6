import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  organisationsnummer: string;
  name: string;
  verified_at: Date | null;
  registered_by_account_id: number | null;
  verified_by_staff_id: number | null;
  created_at: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  created_at: Generated<Date>;
}
