// "Kontakta oss" without an account: the form, its receipt, the page the signed link in the e-mail
// opens (the case, its public history and a reply form), and the refusal of a link that is not good.
import { CONTACT_FIELDS } from '../../domain/contact-form.js';
import { CASE_TYPE_LABELS, type CaseStatus, type CaseType, STATUS_LABELS } from '../../domain/index.js';
import { ErrorSummary, type FormErrors, TextArea, TextField, fieldId, formTitle } from '../forms.js';
import { CaseTimeline, type ReplyForm, ReplySection, When } from './case-parts.js';
import { Layout } from '../layout.js';

export const CONTACT_PATH = '/kontakta-oss';
export const CONTACT_THANKS_PATH = '/kontakta-oss/tack';

/** The seed's invitation, on the start page and above the form. */
export const CONTACT_INVITATION = 'Har du frågor eller synpunkter om den nya kundportalen? Kontakta oss via formuläret nedan.';

export type ContactValues = Record<(typeof CONTACT_FIELDS)[number], string>;

export const emptyContactValues = (): ContactValues => ({ name: '', email: '', organisation: '', subject: '', message: '' });

/** The errors in the order of the form; anything else (the bot checks) points at the form's heading. */
export function contactErrors(errors: FormErrors): FormErrors {
  const at = (f: string) => (CONTACT_FIELDS as readonly string[]).indexOf(f);
  return errors
    .map((e) => ({ field: at(e.field) === -1 ? 'formular' : e.field, message: e.message }))
    .sort((a, b) => at(a.field) - at(b.field));
}

export interface ContactFormProps {
  values: ContactValues;
  errors: FormErrors;
  /** The signed stamp: when the form was handed out and the key of its one intent. */
  stamp: string;
  powBits: number;
}

export function ContactPage(props: ContactFormProps) {
  const { values: v, errors } = props;
  return (
    <Layout title={formTitle('Kontakta oss', errors)} viewer={undefined} returnTo={CONTACT_PATH}>
      <h1 class="ds-heading" data-size="lg">
        Kontakta oss
      </h1>
      <ErrorSummary errors={errors} />
      <p class="ds-paragraph" data-variant="long">
        {CONTACT_INVITATION} Du behöver inget konto. Vi svarar till din e-postadress och skickar en länk där du kan följa ärendet och svara oss.
      </p>
      <p class="ds-paragraph" data-variant="long">
        Har du ett konto? Logga in och skicka ärendet från Mina sidor, så slipper du fylla i dina uppgifter.
      </p>
      <section class="kp-section" aria-labelledby={fieldId('formular')}>
        <h2 class="ds-heading" data-size="md" id={fieldId('formular')} tabindex={-1}>
          Ditt meddelande
        </h2>
        <form method="post" action={CONTACT_PATH} class="kp-form" novalidate data-submit-once data-pow-bits={String(props.powBits)}>
          <input type="hidden" name="stamp" value={props.stamp} />
          {/* Filled in by contact-pow.js; without JavaScript the form goes without it. */}
          <input type="hidden" name="pow" value="" />
          <TextField name="name" label="Namn" required autocomplete="name" value={v.name} errors={errors} />
          <TextField name="email" label="E-postadress" type="email" required autocomplete="email" value={v.email} errors={errors} hint="Hit skickar vi bekräftelsen och våra svar." />
          <TextField name="organisation" label="Organisation" required={false} autocomplete="organization" value={v.organisation} errors={errors} />
          <TextField name="subject" label="Ämne" required value={v.subject} errors={errors} />
          <TextArea name="message" label="Meddelande" required value={v.message} errors={errors} rows={8} />
          {/* A trap for programs that fill in every field: hidden from people, their screen readers and the keyboard. */}
          <div class="kp-honeypot" aria-hidden="true">
            <label for="falt-webbplats">Lämna det här fältet tomt</label>
            <input type="text" id="falt-webbplats" name="webbplats" value="" tabindex={-1} autocomplete="off" />
          </div>
          <p class="ds-paragraph" data-size="sm">
            Vi sparar dina uppgifter i ärendet så länge vi behöver dem för att hantera det.
          </p>
          <button type="submit" class="ds-button" data-variant="primary">
            Skicka meddelandet
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function ContactThanksPage({ caseNumber, linkDays }: { caseNumber: string; linkDays: number }) {
  return (
    <Layout title={`Ditt meddelande är skickat: ${caseNumber}`} viewer={undefined}>
      <div class="kp-receipt">
        <h1 class="ds-heading" data-size="lg">
          <span class="kp-receipt__mark" aria-hidden="true">
            ✔{' '}
          </span>
          Ditt meddelande är skickat.
        </h1>
        <p class="ds-paragraph">
          Tack! Vi har registrerat ditt meddelande som ett ärende och hanterar det så snart som möjligt. Inkomna ärenden hanteras helgfria vardagar mellan
          09:00–16:00.
        </p>
      </div>
      <dl class="kp-receipt__number">
        <dt>Ärendenummer</dt>
        <dd>{caseNumber}</dd>
      </dl>
      <p class="ds-paragraph" data-variant="long">
        Vi har skickat en bekräftelse till din e-postadress. I den finns en länk där du kan följa ärendet och svara oss utan att logga in. {`Länken gäller i ${linkDays} dagar
        från e-postmeddelandet; varje nytt besked från oss har en ny länk.`}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href="/">
          Till startsidan
        </a>
      </p>
    </Layout>
  );
}

export interface FollowedCase {
  caseNumber: string;
  type: CaseType;
  status: CaseStatus;
  subject: string;
  createdAt: Date;
  contact: { name: string; email: string; organisationName?: string | undefined };
  message: string;
  timeline: Array<{ action: string; actor: { type: string }; at: Date; message?: { visibility: string | null; body: string } }>;
}

/** The case as its signed link shows it: no account, no header login state, only this case. */
export function ContactCasePage(props: { c: FollowedCase; action: string; reply: ReplyForm; notice?: string | undefined }) {
  const { c, reply } = props;
  return (
    <Layout title={formTitle(`Ärende ${c.caseNumber}`, reply.errors)} viewer={undefined}>
      <h1 class="ds-heading" data-size="lg">
        {`Ärende ${c.caseNumber}: ${c.subject}`}
      </h1>
      <ErrorSummary errors={reply.errors} />
      {props.notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{props.notice}</p>
        </div>
      )}
      <dl class="kp-facts">
        <dt>Ärendetyp</dt>
        <dd>{CASE_TYPE_LABELS[c.type]}</dd>
        <dt>Status</dt>
        <dd>{STATUS_LABELS[c.status]}</dd>
        <dt>Inskickat</dt>
        <dd>
          <When at={c.createdAt} />
        </dd>
      </dl>
      <ReplySection status={c.status} action={props.action} reply={reply} />
      {/* Only the sender writes as a customer here: they have no account. */}
      <CaseTimeline entries={c.timeline} isYou={(actor) => actor.type === 'customer'} submitted={c.message} />
      <section class="kp-section" aria-labelledby="dina-uppgifter">
        <h2 class="ds-heading" data-size="md" id="dina-uppgifter">
          Dina uppgifter
        </h2>
        <dl class="kp-facts">
          <dt>Namn</dt>
          <dd>{c.contact.name}</dd>
          <dt>E-postadress</dt>
          <dd>{c.contact.email}</dd>
          <dt>Organisation</dt>
          <dd>{c.contact.organisationName ?? '–'}</dd>
        </dl>
      </section>
    </Layout>
  );
}

/** A link that is not good: the same page whatever case it named, saying only what to do. */
export function ContactLinkRefusedPage({ reason, linkDays }: { reason: 'expired' | 'tampered'; linkDays: number }) {
  const expired = reason === 'expired';
  return (
    <Layout title={expired ? 'Länken har gått ut' : 'Länken fungerar inte'} viewer={undefined}>
      <h1 class="ds-heading" data-size="lg">
        {expired ? 'Länken har gått ut' : 'Länken fungerar inte'}
      </h1>
      <p class="ds-paragraph" data-variant="long">
        {expired
          ? `Länken till ärendet gäller i ${linkDays} dagar från e-postmeddelandet den kom i. Använd länken i det senaste e-postmeddelandet från oss, eller kontakta oss igen och skriv ärendenumret i meddelandet.`
          : 'Vi kan inte öppna ärendet med den här länken. Kontrollera att du har kopierat hela länken från e-postmeddelandet. Fungerar den ändå inte kan du kontakta oss igen och skriva ärendenumret i meddelandet.'}
      </p>
      <p class="ds-paragraph">
        <a class="ds-link" href={CONTACT_PATH}>
          Kontakta oss
        </a>
      </p>
    </Layout>
  );
}
