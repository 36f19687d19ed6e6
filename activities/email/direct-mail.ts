// The SMTP transport as the services' Mailer (services/deps.ts): one e-mail sent at once, with the same
// relay settings as the case e-mails. Used for the verification code, which is part of logging in and
// so is not held to business hours the way a workflow's notifications are.
import type { Mailer } from '../../services/deps.js';
import type { SmtpTransport } from './transport.js';

export const smtpMailer = (transport: SmtpTransport, from: string): Mailer => ({
  async send(m) {
    await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html });
  },
});
