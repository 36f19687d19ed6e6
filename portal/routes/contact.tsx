// "Kontakta oss" without an account (services/contact.ts has the rules): the public form, its receipt,
// and the case page its signed link opens. The form has no session and so no CSRF token: its signed
// stamp stands in (it cannot be made elsewhere) and carries the key of its one intent.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { CONTACT_CASE_PATH } from '../../activities/contact-link.js';
import { clientAddress, withinLimit } from '../../api/rate-limit.js';
import { CASE_NUMBER } from '../../db/cases.js';
import { contactFormSchema } from '../../domain/contact-form.js';
import { fieldErrors } from '../../domain/index.js';
import { type ContactFormSettings, checkContactBot, contactCase, linkRefusal, newContactStamp, replyToContactCase, submitContact } from '../../services/contact.js';
import { ServiceError } from '../../services/errors.js';
import { type FormErrors, intentKey } from '../forms.js';
import type { PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import {
  CONTACT_PATH,
  CONTACT_THANKS_PATH,
  ContactCasePage,
  ContactLinkRefusedPage,
  ContactPage,
  type ContactValues,
  ContactThanksPage,
  contactErrors,
  emptyContactValues,
} from '../pages/contact.js';
import { MessagePage } from '../pages/message.js';

const HOUR_MS = 60 * 60 * 1000;

const BOT_TEXT = {
  'too-fast': 'Formuläret skickades in för snabbt. Kontrollera uppgifterna och skicka igen.',
  stale: 'Formuläret hade gått ut. Kontrollera uppgifterna och skicka igen.',
} as const;

const readValues = (f: Record<string, string>): ContactValues => ({
  name: f.name ?? '',
  email: f.email ?? '',
  organisation: f.organisation ?? '',
  subject: f.subject ?? '',
  message: f.message ?? '',
});

async function textFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  return fields;
}

export function contactRoutes({ deps }: PageGuards) {
  const app = new Hono();
  const s: ContactFormSettings | undefined = deps.contactForm;
  if (!s) return app;

  const form = (c: Context, o: { values?: ContactValues; errors?: FormErrors; stamp?: string } = {}, status: 200 | 400 = 200) =>
    sendPage(
      c,
      <ContactPage values={o.values ?? emptyContactValues()} errors={contactErrors(o.errors ?? [])} stamp={o.stamp ?? newContactStamp(s)} powBits={s.powBits} />,
      status,
    );

  const tooMany = (c: Context) =>
    sendPage(
      c,
      <MessagePage
        viewer={undefined}
        title="För många meddelanden"
        text="Vi har tagit emot många meddelanden från dig på kort tid. Vänta en timme och försök igen. Inget av det du skrev nu har sparats."
        link={{ href: '/', label: 'Till startsidan' }}
      />,
      429,
    );

  app.get(CONTACT_PATH, (c) => form(c));

  app.post(CONTACT_PATH, async (c) => {
    const fields = await textFields(c);
    const values = readValues(fields);
    // Every post counts against the address it came from, bots' included.
    if (!(await withinLimit(deps.db, `contact-ip:${clientAddress(c)}`, s.perIpPerHour, HOUR_MS))) return tooMany(c);
    const bot = checkContactBot(s, { stamp: fields.stamp, honeypot: fields.webbplats, pow: fields.pow });
    if (!bot.ok && bot.reason !== 'too-fast' && bot.reason !== 'stale') {
      deps.log?.(`contact form refused (${bot.reason})`);
      return sendPage(
        c,
        <MessagePage
          viewer={undefined}
          title="Meddelandet kunde inte skickas"
          text="Formuläret verkar ha fyllts i av ett program. Inget har sparats. Är du en människa: gå tillbaka, ladda om sidan och fyll i formuläret igen."
          link={{ href: CONTACT_PATH, label: 'Till formuläret' }}
        />,
        400,
      );
    }
    // Too fast or too old: the same words back with a fresh stamp, so a person just sends again.
    if (!bot.ok) return form(c, { values, errors: [{ field: 'formular', message: BOT_TEXT[bot.reason as keyof typeof BOT_TEXT] }] }, 400);

    const parsed = contactFormSchema.safeParse(values);
    if (!parsed.success) return form(c, { values, errors: fieldErrors(parsed.error), stamp: fields.stamp }, 400);
    if (!(await withinLimit(deps.db, `contact-address:${parsed.data.email.toLowerCase()}`, s.perAddressPerHour, HOUR_MS))) return tooMany(c);
    try {
      const { row } = await submitContact(deps, s, parsed.data, bot.key);
      return c.redirect(`${CONTACT_THANKS_PATH}?arende=${encodeURIComponent(row.caseNumber)}`, 303);
    } catch (err) {
      if (!(err instanceof ServiceError) || err.kind !== 'idempotency-conflict') throw err;
      return sendPage(
        c,
        <MessagePage
          viewer={undefined}
          title="Formuläret är redan skickat"
          text="Det här formuläret har redan skickats en gång, med andra uppgifter. Vill du skicka ett nytt meddelande börjar du om."
          link={{ href: CONTACT_PATH, label: 'Skriv ett nytt meddelande' }}
        />,
        400,
      );
    }
  });

  // Shows only the number it is given, which it checks the form of; it reads nothing.
  app.get(CONTACT_THANKS_PATH, (c) => {
    const caseNumber = c.req.query('arende') ?? '';
    if (!CASE_NUMBER.test(caseNumber)) return c.redirect(CONTACT_PATH, 302);
    return sendPage(c, <ContactThanksPage caseNumber={caseNumber} linkDays={s.linkDays} />);
  });

  const casePage = async (c: Context, token: string, reply: { key?: string; body?: string; errors?: FormErrors } = {}, notice?: string, status: 200 | 400 | 409 = 200) => {
    try {
      const view = await contactCase(deps, s, token);
      const { row, submission, timeline } = view;
      const followed = {
        caseNumber: row.caseNumber,
        type: row.type,
        status: row.status,
        subject: row.subject,
        createdAt: row.createdAt,
        contact: submission.contact,
        message: submission.description,
        timeline,
      };
      const action = `${CONTACT_CASE_PATH}/${token}`;
      return sendPage(
        c,
        <ContactCasePage c={followed} action={action} reply={{ key: reply.key ?? randomUUID(), body: reply.body, errors: reply.errors ?? [] }} notice={notice} />,
        status,
      );
    } catch (err) {
      return refusedLink(c, err);
    }
  };

  const refusedLink = (c: Context, err: unknown) => {
    const reason = linkRefusal(err) ?? (err instanceof ServiceError && err.kind === 'not-found' ? 'tampered' : undefined);
    if (!reason) throw err;
    return sendPage(c, <ContactLinkRefusedPage reason={reason} linkDays={s.linkDays} />, 403);
  };

  app.get(`${CONTACT_CASE_PATH}/:token`, (c) => casePage(c, c.req.param('token'), {}, c.req.query('skickat') === '1' ? 'Ditt meddelande är skickat.' : undefined));

  app.post(`${CONTACT_CASE_PATH}/:token`, async (c) => {
    const token = c.req.param('token');
    const fields = await textFields(c);
    const key = intentKey(fields) ?? randomUUID();
    const body = (fields.body ?? '').trim();
    if (!body) return casePage(c, token, { key, body: fields.body, errors: [{ field: 'body', message: 'Skriv ett meddelande' }] }, undefined, 400);
    if (body.length > 10_000) return casePage(c, token, { key, body: fields.body, errors: [{ field: 'body', message: 'Meddelandet får vara högst 10 000 tecken' }] }, undefined, 400);
    try {
      await replyToContactCase(deps, s, token, body, key);
    } catch (err) {
      if (err instanceof ServiceError && err.kind === 'conflict') return casePage(c, token, {}, undefined, 409);
      return refusedLink(c, err);
    }
    return c.redirect(`${CONTACT_CASE_PATH}/${token}?skickat=1`, 303);
  });

  return app;
}
