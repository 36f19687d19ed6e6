// API-nycklar: the person's keys for integrations, a form to create one, the page that shows a new
// key's secret (once), and the confirmation before a key is revoked.
import { CsrfField, ErrorSummary, type FormErrors, IntentKeyField, TextField, formTitle } from '../forms.js';
import { swedishDateTime } from '../format.js';
import { Layout, type Viewer } from '../layout.js';
import { MyPagesNav } from './my-pages-nav.js';

export const API_KEYS_PATH = '/mina-sidor/api-nycklar';
export const revokePath = (id: number) => `${API_KEYS_PATH}/${id}/aterkalla`;

export interface ApiKeyRow {
  id: number;
  name: string;
  hint: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

/** The create form's state: a fresh key per intent on every page, or what came back with errors. */
export interface NewKeyForm {
  key: string;
  name?: string | undefined;
  errors: FormErrors;
}

const When = ({ at }: { at: Date }) => <time datetime={at.toISOString()}>{swedishDateTime(at)}</time>;

const BackToList = () => (
  <p class="ds-paragraph">
    <a class="ds-link" href={API_KEYS_PATH}>
      Tillbaka till API-nycklar
    </a>
  </p>
);

export function ApiKeysPage(props: { viewer: Viewer | undefined; isLocalAdmin: boolean; keys: ApiKeyRow[]; form: NewKeyForm; notice?: string | undefined }) {
  const { keys, form } = props;
  return (
    <Layout title={formTitle('API-nycklar', form.errors)} viewer={props.viewer}>
      <MyPagesNav current="api-nycklar" isLocalAdmin={props.isLocalAdmin} />
      <h1 class="ds-heading" data-size="lg">
        API-nycklar
      </h1>
      <ErrorSummary errors={form.errors} />
      {props.notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{props.notice}</p>
        </div>
      )}
      <p class="ds-paragraph" data-variant="long">
        Med en API-nyckel kan ett annat system, till exempel ert ärendesystem, skicka in och följa ärenden åt dig utan webbläsare.
        Nyckeln ger samma behörighet som du har. Återkalla en nyckel som inte längre behövs.
      </p>

      <section class="kp-section" aria-labelledby="nycklar">
        <h2 class="ds-heading" data-size="md" id="nycklar">
          Dina API-nycklar
        </h2>
        {keys.length === 0 ? (
          <p class="ds-paragraph">Du har inga API-nycklar.</p>
        ) : (
          <div class="kp-table-scroll" role="region" aria-labelledby="nycklar" tabindex={0}>
            <table class="ds-table" data-border="true">
              <thead>
                <tr>
                  <th scope="col">Namn</th>
                  <th scope="col">Börjar med</th>
                  <th scope="col">Skapad</th>
                  <th scope="col">Senast använd</th>
                  <th scope="col">Status</th>
                  <th scope="col">Återkalla</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr>
                    <th scope="row">{k.name}</th>
                    <td>
                      <code>{k.hint ? `${k.hint}…` : '–'}</code>
                    </td>
                    <td>
                      <When at={k.createdAt} />
                    </td>
                    <td>{k.lastUsedAt ? <When at={k.lastUsedAt} /> : 'Inte använd än'}</td>
                    <td>Gäller</td>
                    <td>
                      <a class="ds-link" href={revokePath(k.id)}>
                        Återkalla<span class="ds-sr-only">{` ${k.name}`}</span>
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="kp-section" aria-labelledby="skapa">
        <h2 class="ds-heading" data-size="md" id="skapa">
          Skapa en API-nyckel
        </h2>
        <form method="post" action={API_KEYS_PATH} class="kp-form" novalidate data-submit-once>
          <CsrfField token={props.viewer?.csrfToken} />
          <IntentKeyField value={form.key} />
          <TextField
            name="name"
            label="Namn på nyckeln"
            hint="Ett namn som hjälper dig att känna igen nyckeln, till exempel namnet på systemet som ska använda den. Högst 100 tecken."
            required
            value={form.name}
            errors={form.errors}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            Skapa API-nyckel
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The answer to the create form itself: the only time the secret is ever shown. */
export function CreatedKeyPage(props: { viewer: Viewer | undefined; isLocalAdmin: boolean; name: string; secret: string }) {
  return (
    <Layout title="Din nya API-nyckel" viewer={props.viewer}>
      <MyPagesNav isLocalAdmin={props.isLocalAdmin} />
      <h1 class="ds-heading" data-size="lg">
        Din nya API-nyckel
      </h1>
      <div class="ds-alert" data-color="warning" role="region" aria-labelledby="spara">
        <h2 class="ds-heading" data-size="xs" id="spara">
          Kopiera nyckeln och spara den nu
        </h2>
        <p class="ds-paragraph">
          Nyckeln visas bara den här gången. Vi sparar den inte och kan inte visa den igen. Förvara den lika säkert som ett lösenord.
        </p>
      </div>
      <dl class="kp-facts">
        <dt>Namn</dt>
        <dd>{props.name}</dd>
        <dt>Nyckel</dt>
        <dd>
          <code class="kp-secret">
            {props.secret}
          </code>
        </dd>
      </dl>
      <p class="ds-paragraph" data-variant="long">
        Systemet skickar nyckeln i huvudet <code>Authorization: Bearer</code> följt av nyckeln, i varje anrop till Kundportalens API.
        Har du tappat bort en nyckel: återkalla den och skapa en ny.
      </p>
      <BackToList />
    </Layout>
  );
}

/** The create form came again with a key per intent already used: the key exists, its secret is gone. */
export function AlreadyCreatedPage(props: { viewer: Viewer | undefined; isLocalAdmin: boolean; name: string }) {
  return (
    <Layout title="API-nyckeln är redan skapad" viewer={props.viewer}>
      <MyPagesNav isLocalAdmin={props.isLocalAdmin} />
      <h1 class="ds-heading" data-size="lg">
        API-nyckeln är redan skapad
      </h1>
      <p class="ds-paragraph" data-variant="long">
        {`Formuläret skickades mer än en gång. Nyckeln ”${props.name}” skapades första gången och visades då. Den visas inte igen. Om du inte hann spara den kan du återkalla den och skapa en ny.`}
      </p>
      <BackToList />
    </Layout>
  );
}

export function RevokeKeyPage(props: { viewer: Viewer | undefined; isLocalAdmin: boolean; apiKey: ApiKeyRow }) {
  const k = props.apiKey;
  return (
    <Layout title={`Återkalla API-nyckeln ${k.name}`} viewer={props.viewer}>
      <MyPagesNav isLocalAdmin={props.isLocalAdmin} />
      <h1 class="ds-heading" data-size="lg">
        {`Vill du återkalla API-nyckeln ”${k.name}”?`}
      </h1>
      <p class="ds-paragraph" data-variant="long">
        System som använder nyckeln kan inte längre använda Kundportalens API med den. Det gäller direkt och går inte att ångra.
      </p>
      <dl class="kp-facts">
        <dt>Börjar med</dt>
        <dd>
          <code>{k.hint ? `${k.hint}…` : '–'}</code>
        </dd>
        <dt>Skapad</dt>
        <dd>
          <When at={k.createdAt} />
        </dd>
        <dt>Senast använd</dt>
        <dd>{k.lastUsedAt ? <When at={k.lastUsedAt} /> : 'Inte använd än'}</dd>
      </dl>
      <form method="post" action={revokePath(k.id)} class="kp-actions">
        <CsrfField token={props.viewer?.csrfToken} />
        <button type="submit" class="ds-button" data-variant="primary" data-color="danger">
          Ja, återkalla nyckeln
        </button>
        <a class="ds-button" data-variant="secondary" href={API_KEYS_PATH}>
          Nej, behåll den
        </a>
      </form>
    </Layout>
  );
}
