import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.js';
import type { PersonalDataCipher } from '../db/personal-data.js';
import type { CaseWorkflowSettings } from '../temporal/start-case.js';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  cipher: PersonalDataCipher;
  workflow: CaseWorkflowSettings;
  pickupOffices: string[];
  log?: (msg: string) => void;
}
