// Mina uppgifter: the contact details every new case is filled in with, and whether the person wants
// e-mail. What comes from the e-legitimation or the organisation is shown, not edited; the
// personnummer only masked.
import { Checkbox, CsrfField, ErrorSummary, type FormErrors, TextField, formTitle } from '../forms.js';
import { Layout, type Viewer } from '../layout.js';
import { MyPagesNav } from './my-pages-nav.js';

export type MyDetailsValues = Partial<Record<'name' | 'email' | 'unitName', string>> & { notifyByEmail: boolean };

/** What the page shows but does not change. */
export interface MyFixedDetails {
  organisationName: string;
  organisationsnummer: string;
  /** Already masked, e.g. 19850709-****. */
  maskedPersonnummer: string;
}

export function MyDetailsPage(props: {
  viewer: Viewer | undefined;
  isLocalAdmin: boolean;
  fixed: MyFixedDetails;
  values: MyDetailsValues;
  errors: FormErrors;
  notice?: string | undefined;
}) {
  const { values: v, errors, fixed } = props;
  return (
    <Layout title={formTitle('Mina uppgifter', errors)} viewer={props.viewer}>
      <MyPagesNav current="uppgifter" isLocalAdmin={props.isLocalAdmin} />
      <h1 class="ds-heading" data-size="lg">
        Mina uppgifter
      </h1>
      <ErrorSummary errors={errors} />
      {props.notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{props.notice}</p>
        </div>
      )}
      <p class="ds-paragraph" data-variant="long">
        Nya ärenden fylls i med de här uppgifterna. Ärenden som du redan har skickat in behåller de uppgifter de skickades in med.
      </p>
      <section class="kp-section kp-my-details" aria-labelledby="fasta-uppgifter">
        <h2 class="ds-heading" data-size="sm" id="fasta-uppgifter">
          Organisation och personnummer
        </h2>
        <dl class="kp-facts">
          <dt>Organisation</dt>
          <dd>{fixed.organisationName}</dd>
          <dt>Organisationsnummer</dt>
          <dd>{fixed.organisationsnummer}</dd>
          <dt>Personnummer</dt>
          <dd>{fixed.maskedPersonnummer}</dd>
        </dl>
        <p class="ds-paragraph kp-hint" data-size="sm">
          Personnumret kommer från din e-legitimation och organisationen från ditt konto. De kan inte ändras här.
        </p>
      </section>
      <form method="post" action="/mina-sidor/uppgifter" class="kp-form kp-my-details" novalidate>
        <CsrfField token={props.viewer?.csrfToken} />
        <fieldset>
          <legend>Kontaktuppgifter</legend>
          <TextField name="name" label="Namn" required autocomplete="name" value={v.name} errors={errors} />
          <TextField name="email" label="E-postadress" type="email" required autocomplete="email" value={v.email} errors={errors} />
          <TextField
            name="unitName"
            label="Enhetens namn"
            hint="Den enhet i organisationen som du arbetar på."
            required={false}
            value={v.unitName}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>Notifieringar</legend>
          <p class="ds-paragraph">Vi skickar e-post när ett ärende får ett nytt meddelande eller byter status. Valet gäller ärenden som du skickar in från och med nu.</p>
          <Checkbox name="notifyByEmail" label="Jag vill bli notifierad via e-post" checked={v.notifyByEmail} errors={errors} />
        </fieldset>
        <button type="submit" class="ds-button" data-variant="primary">
          Spara uppgifter
        </button>
      </form>
    </Layout>
  );
}
