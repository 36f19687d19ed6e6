// The start page: what the portal is for, and logging in with e-legitimation (wording from Inera's page),
// with the seed's explanations of the steps some e-legitimation may not take (services/login-methods.ts).
import type { LoginMethod } from '../../domain/login-methods.js';
import { Layout, type Viewer, loginHref } from '../layout.js';
import { METHOD_BUTTONS } from './login-method-refused.js';

export interface LoginMethodsInfo {
  /** The methods that may log in, in the start page's order. */
  login: readonly LoginMethod[];
  /** One sentence per step and method that may not take it. */
  notes: ReadonlyArray<{ step: 'login' | 'create_account' | 'verify_account'; text: string }>;
}

const listed = (methods: readonly LoginMethod[]) => {
  const names = methods.map((m) => METHOD_BUTTONS[m]);
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} eller ${names.at(-1)}`;
};

const Notes = ({ notes }: { notes: LoginMethodsInfo['notes'] }) =>
  notes.length ? (
    <div class="ds-alert" data-color="info">
      {notes.map((n) => (
        <p class="ds-paragraph">{n.text}</p>
      ))}
    </div>
  ) : null;

export function StartPage({ viewer, loggedOut, methods }: { viewer: Viewer | undefined; loggedOut?: boolean; methods: LoginMethodsInfo }) {
  const notesFor = (step: LoginMethodsInfo['notes'][number]['step']) => methods.notes.filter((n) => n.step === step);
  return (
    <Layout title="Skapa och se dina ärenden" viewer={viewer}>
      {loggedOut && !viewer && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">Du är utloggad.</p>
        </div>
      )}
      <h1 class="ds-heading" data-size="lg">
        Kundportalen – skapa och se dina ärenden
      </h1>
      <p class="ds-paragraph" data-variant="long">
        Förenkla din kontakt med oss och följ status på dina ärenden. I kundportalen kan du ställa frågor om våra tjänster,
        anmäla fel och lämna förbättringsförslag. Du kan också göra beställningar om du har behörighet för det.
      </p>
      <p class="ds-paragraph" data-variant="long">
        Med ett konto i kundportalen kan du registrera ärenden utan att behöva ange uppgifter om dig själv och din organisation
        varje gång. Du kan också få en överblick över alla dina ärenden.
      </p>
      {viewer ? (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href="/mina-sidor">
            Gå till Mina sidor
          </a>
        </p>
      ) : (
        <section class="kp-section" aria-labelledby="logga-in">
          <h2 class="ds-heading" data-size="md" id="logga-in">
            Logga in
          </h2>
          <p class="ds-paragraph">{`Du som har ett konto i kundportalen kan logga in med ${listed(methods.login)}. Välj hur du vill legitimera dig.`}</p>
          <Notes notes={notesFor('login')} />
          <ul class="kp-methods">
            {methods.login.map((method) => (
              <li>
                <a class="ds-button" data-variant="primary" href={loginHref('/mina-sidor', method)}>
                  {`Logga in med ${METHOD_BUTTONS[method]}`}
                </a>
              </li>
            ))}
          </ul>
          <h3 class="ds-heading" data-size="sm">
            För dig som hade ett konto i den tidigare kundportalen
          </h3>
          <p class="ds-paragraph" data-variant="long">
            Du som hade ett konto i den tidigare kundportalen behöver verifiera ditt konto innan du loggar in första gången för att
            behålla samma roller och behörigheter som du hade tidigare. Logga in, välj Jag hade ett konto i den tidigare kundportalen
            och ange kontots e-postadress. Du får en kod med e-post.
          </p>
          <Notes notes={notesFor('verify_account')} />
          <h3 class="ds-heading" data-size="sm">
            Skapa nytt konto
          </h3>
          <p class="ds-paragraph" data-variant="long">
            Du som inte hade ett konto i den tidigare kundportalen kan skapa ett nytt konto. Logga in och välj Skapa nytt konto. Ditt konto
            kopplas till den organisation du tillhör via organisationsnumret.
          </p>
          <Notes notes={notesFor('create_account')} />
        </section>
      )}
      <section class="kp-section" aria-labelledby="fragor">
        <h2 class="ds-heading" data-size="md" id="fragor">
          Frågor om kundportalen
        </h2>
        <p class="ds-paragraph">Har du frågor eller synpunkter om den nya kundportalen? Kontakta oss via formuläret, även utan konto.</p>
        <p class="ds-paragraph">
          <a class="ds-link" href="/kontakta-oss">
            Kontakta oss
          </a>
        </p>
      </section>
    </Layout>
  );
}
