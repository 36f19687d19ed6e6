import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.js';
import type { PersonalDataCipher } from '../db/personal-data.js';
import type { CaseWorkflowSettings } from '../temporal/start-case.js';
import type { ContactFormSettings } from '../services/contact.js';
import type { Mailer } from '../services/deps.js';
import type { LoginMethodRules } from '../services/login-methods.js';
import type { AuthSettings } from './oidc.js';

export interface ApiDeps {
  db: Db;
  temporal: Client;
  cipher: PersonalDataCipher;
  workflow: CaseWorkflowSettings;
  pickupOffices: string[];
  auth: AuthSettings;
  rateLimits: { loginsPerMinute: number; submissionsPerMinute: number };
  /** Temporal UI, for links from the back office to a case's workflow. */
  temporalUi: { url: string; namespace: string };
  /** Which e-legitimation may take which step (services/login-methods.ts); the seed's rule when unset. */
  loginMethods?: LoginMethodRules;
  /** "Kontakta oss" without an account (services/contact.ts); the portal offers the form only when set. */
  contactForm?: ContactFormSettings;
  /** For "Verifiera ditt konto" (services/account-verification.ts); without it no code can be sent. */
  mailer?: Mailer;
  log?: (msg: string) => void;
}
