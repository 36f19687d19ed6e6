// After the first login without an account (the seed's two ways in): verify the account from the
// earlier portal, or create a new one. A step the person's e-legitimation may not take says so here
// in the seed's words, with ways to log in again.
import type { LoginMethod } from '../../domain/login-methods.js';
import { Layout, type Viewer } from '../layout.js';
import { LoginAgain } from './login-method-refused.js';

/** Per step: undefined when the person's method may take it, else the explanation and who may. */
export type StepRefusal = { explanation: string; allowed: readonly LoginMethod[] } | undefined;

function Way(props: { refusal: StepRefusal; href: string; label: string }) {
  if (!props.refusal) {
    return (
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href={props.href}>
          {props.label}
        </a>
      </p>
    );
  }
  return (
    <>
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">{props.refusal.explanation}</p>
      </div>
      <LoginAgain methods={props.refusal.allowed} returnTo="/valj-konto" />
    </>
  );
}

export function ChooseAccountPage(props: { viewer: Viewer | undefined; verify: StepRefusal; create: StepRefusal }) {
  return (
    <Layout title="Du har inget konto ännu" viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Du har inget konto ännu
      </h1>
      <p class="ds-paragraph" data-variant="long">
        Du har loggat in med e-legitimation, men det finns inget konto i Kundportalen för dig. Välj det som stämmer för dig.
      </p>
      <section class="kp-section" aria-labelledby="tidigare-konto">
        <h2 class="ds-heading" data-size="md" id="tidigare-konto">
          Hade du ett konto i den tidigare kundportalen?
        </h2>
        <p class="ds-paragraph" data-variant="long">
          Du som hade ett konto i den tidigare kundportalen behöver verifiera ditt konto för att behålla samma roller och behörigheter
          som du hade tidigare. Du får en kod till den e-postadress som kontot hade.
        </p>
        <Way refusal={props.verify} href="/verifiera-konto" label="Jag hade ett konto i den tidigare kundportalen" />
      </section>
      <section class="kp-section" aria-labelledby="nytt-konto">
        <h2 class="ds-heading" data-size="md" id="nytt-konto">
          Ny i Kundportalen?
        </h2>
        <p class="ds-paragraph" data-variant="long">
          Du som inte hade ett konto i den tidigare kundportalen kan skapa ett nytt konto. Ditt konto kopplas till den organisation du
          tillhör via organisationsnumret.
        </p>
        <Way refusal={props.create} href="/skapa-konto" label="Skapa nytt konto" />
      </section>
    </Layout>
  );
}
