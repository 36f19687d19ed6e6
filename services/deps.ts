// What the services need: the database, Temporal and the personal-data cipher.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.js';
import type { PersonalDataCipher } from '../db/personal-data.js';
import type { CaseWorkflowSettings } from '../temporal/start-case.js';
import type { ContactFormSettings } from './contact.js';
import type { LoginMethodRules } from './login-methods.js';

/** Sends one e-mail at once, outside any workflow and business hours: a code that is part of logging in. */
export interface Mailer {
  send(m: { to: string; subject: string; text: string; html: string }): Promise<void>;
}

export interface ServiceDeps {
  db: Db;
  temporal: Client;
  cipher: PersonalDataCipher;
  workflow: CaseWorkflowSettings;
  /** The configured card pickup offices a SITHS row may name. */
  pickupOffices: string[];
  /** Which e-legitimation may take which step (services/login-methods.ts); the seed's rule when unset. */
  loginMethods?: LoginMethodRules;
  /** "Kontakta oss" without an account (services/contact.ts); the portal offers the form only when set. */
  contactForm?: ContactFormSettings;
  /** For "Verifiera ditt konto" (services/account-verification.ts); without it no code can be sent. */
  mailer?: Mailer;
  log?: (msg: string) => void;
}
