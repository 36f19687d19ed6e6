// The start page: what the portal is for, and logging in with e-legitimation (wording from Inera's page).
import { Layout, type Viewer, loginHref } from '../layout.js';

const METHODS = [
  { label: 'BankID', code: 'bankid' },
  { label: 'Freja eID', code: 'freja' },
  { label: 'SITHS eID', code: 'siths' },
] as const;

export function StartPage({ viewer, loggedOut }: { viewer: Viewer | undefined; loggedOut?: boolean }) {
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
          <p class="ds-paragraph">Du som har ett konto i kundportalen kan logga in med BankID, Freja eID eller SITHS eID. Välj hur du vill legitimera dig.</p>
          <ul class="kp-methods">
            {METHODS.map((method) => (
              <li>
                <a class="ds-button" data-variant="primary" href={loginHref('/mina-sidor', method.code)}>
                  {`Logga in med ${method.label}`}
                </a>
              </li>
            ))}
          </ul>
          <p class="ds-paragraph">
            Har du inget konto? Logga in med BankID eller Freja eID så får du hjälp att skapa ett. Ditt konto kopplas till den
            organisation du tillhör via organisationsnumret.
          </p>
        </section>
      )}
    </Layout>
  );
}
