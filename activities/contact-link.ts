// The link in a "Kontakta oss" sender's e-mails: signed, for that case only, valid a number of days
// from the e-mail. The portal's route (portal/routes/contact.tsx) checks it with the same secret.
import { contactLinkToken } from '../domain/contact-form.js';

export interface ContactLinkSettings {
  secret: string;
  linkDays: number;
}

/** Where the follow-up page lives; the token is the last path segment. */
export const CONTACT_CASE_PATH = '/kontakta-oss/arende';

export function contactCaseUrl(publicUrl: string, s: ContactLinkSettings, caseNumber: string, now = new Date()): string {
  const expiresAt = new Date(now.getTime() + s.linkDays * 24 * 60 * 60 * 1000);
  return `${publicUrl}${CONTACT_CASE_PATH}/${contactLinkToken(s.secret, caseNumber, expiresAt)}`;
}
