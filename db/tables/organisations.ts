import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  organisationsnummer: string;
  name: string;
  verified_at: Date | null;
  created_at: Generated<Date>;
}

export interface UnitsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  created_at: Generated<Date>;
}
