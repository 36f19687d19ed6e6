// Skapa nytt konto (the seed's step 5 and 6): the organisation, the primary unit, the person's own
// details from the e-legitimation, e-mail notifications and the confirmation; one plain form.
import { Checkbox, CsrfField, ErrorSummary, type FormErrors, TextField, formTitle } from '../forms.js';
import { Layout, type Viewer } from '../layout.js';

export type NewAccountValues = Partial<Record<'organisationsnummer' | 'organisationName' | 'unitName' | 'name' | 'email', string>> & {
  notifyByEmail: boolean;
  confirmed: boolean;
};

export function NewAccountPage(props: { viewer: Viewer | undefined; person: { name: string; personnummer: string }; values: NewAccountValues; errors: FormErrors }) {
  const { values: v, errors } = props;
  return (
    <Layout title={formTitle('Skapa nytt konto', errors)} viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Skapa nytt konto
      </h1>
      <ErrorSummary errors={errors} />
      <p class="ds-paragraph" data-variant="long">
        Du har inget konto i Kundportalen ännu. Med ett konto kan du registrera ärenden utan att behöva ange uppgifter om dig själv
        och din organisation varje gång. Ditt konto kopplas ihop med den organisation du tillhör via organisationsnumret.
      </p>
      <form method="post" action="/skapa-konto" class="kp-form" novalidate>
        <CsrfField token={props.viewer?.csrfToken} />
        <fieldset>
          <legend>Organisation</legend>
          <TextField
            name="organisationsnummer"
            label="Organisationsnummer"
            hint="ÅÅMMDD-XXXX eller XXXXXX-XXXX"
            required
            inputmode="numeric"
            value={v.organisationsnummer}
            errors={errors}
          />
          <TextField
            name="organisationName"
            label="Organisationsnamn"
            hint="Behövs om din organisation inte redan finns i Kundportalen. Då registreras den, och vi granskar den innan den kan användas fullt ut."
            required={false}
            autocomplete="organization"
            value={v.organisationName}
            errors={errors}
          />
        </fieldset>
        <fieldset>
          <legend>Primära enhet som du arbetar på</legend>
          <TextField name="unitName" label="Enhetens namn" required={false} value={v.unitName} errors={errors} />
        </fieldset>
        <fieldset>
          <legend>Dina uppgifter</legend>
          <dl class="kp-facts">
            <dt>Personnummer</dt>
            <dd>{props.person.personnummer.replace(/^(\d{8})(\d{4})$/, '$1-$2')}</dd>
          </dl>
          <p class="ds-paragraph kp-hint" data-size="sm">
            Personnumret kommer från din e-legitimation och kan inte ändras.
          </p>
          <TextField name="name" label="Namn" required autocomplete="name" value={v.name ?? props.person.name} errors={errors} />
          <TextField name="email" label="E-postadress" type="email" required autocomplete="email" value={v.email} errors={errors} />
        </fieldset>
        <fieldset>
          <legend>Notifieringar</legend>
          <Checkbox name="notifyByEmail" label="Jag vill bli notifierad via e-post" checked={v.notifyByEmail} errors={errors} />
          <p class="ds-paragraph">Dina kontaktuppgifter kommer att sparas under Mina uppgifter.</p>
        </fieldset>
        <Checkbox name="confirmed" label="Jag bekräftar att uppgifterna är korrekta" checked={v.confirmed} errors={errors} />
        <button type="submit" class="ds-button" data-variant="primary">
          Skicka
        </button>
      </form>
    </Layout>
  );
}
