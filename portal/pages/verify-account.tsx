// Verifiera ditt konto: the earlier account's e-mail address, then the code sent to it. The code page
// says the same whether or not the address belongs to an earlier account.
import { CsrfField, ErrorSummary, type FormErrors, TextField, formTitle } from '../forms.js';
import { Layout, type Viewer } from '../layout.js';

export function VerifyEmailPage(props: { viewer: Viewer | undefined; email: string | undefined; errors: FormErrors }) {
  return (
    <Layout title={formTitle('Verifiera ditt konto', props.errors)} viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Verifiera ditt konto
      </h1>
      <ErrorSummary errors={props.errors} />
      <p class="ds-paragraph" data-variant="long">
        Du som hade ett konto i den tidigare kundportalen behöver verifiera ditt konto för att behålla samma roller och behörigheter som
        du hade tidigare. Ange e-postadressen som kontot hade. Vi skickar en kod till den adressen, och när du anger koden kopplas kontot
        till din e-legitimation. Dina tidigare ärenden följer med.
      </p>
      <form method="post" action="/verifiera-konto" class="kp-form" novalidate>
        <CsrfField token={props.viewer?.csrfToken} />
        <TextField
          name="email"
          label="E-postadress i den tidigare kundportalen"
          type="email"
          required
          autocomplete="email"
          value={props.email}
          errors={props.errors}
        />
        <button type="submit" class="ds-button" data-variant="primary">
          Skicka kod
        </button>
      </form>
      <p class="ds-paragraph">
        <a class="ds-link" href="/valj-konto">
          Tillbaka
        </a>
      </p>
    </Layout>
  );
}

export function VerifyCodePage(props: { viewer: Viewer | undefined; minutes: number; errors: FormErrors }) {
  return (
    <Layout title={formTitle('Ange koden', props.errors)} viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Ange koden
      </h1>
      <ErrorSummary errors={props.errors} />
      <p class="ds-paragraph" data-variant="long">
        {`Om e-postadressen hör till ett konto i den tidigare kundportalen har vi skickat en kod till den. Koden gäller i ${props.minutes} minuter och kan användas en gång.`}
      </p>
      <form method="post" action="/verifiera-konto/kod" class="kp-form" novalidate>
        <CsrfField token={props.viewer?.csrfToken} />
        <TextField name="code" label="Kod" hint="Sex siffror" required inputmode="numeric" autocomplete="one-time-code" value="" errors={props.errors} />
        <button type="submit" class="ds-button" data-variant="primary">
          Verifiera kontot
        </button>
      </form>
      <p class="ds-paragraph">
        Fick du ingen kod? Kontrollera att du angav rätt e-postadress och titta i skräpposten.{' '}
        <a class="ds-link" href="/verifiera-konto">
          Begär en ny kod
        </a>
      </p>
    </Layout>
  );
}
