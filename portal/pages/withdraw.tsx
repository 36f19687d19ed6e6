// Återkalla ärendet: a confirmation step that says what withdrawing means before anything is done,
// with an optional reason; "Avbryt" goes back to the case without acting.
import { CsrfField, ErrorSummary, type FormErrors, IntentKeyField, TextArea, formTitle } from '../forms.js';
import { Layout, type Viewer } from '../layout.js';

/** The form's state: a fresh key on every page, or what came back with errors. */
export interface WithdrawForm {
  key: string;
  reason?: string | undefined;
  errors: FormErrors;
}

export function WithdrawPage(props: { viewer: Viewer | undefined; caseNumber: string; subject: string; casePath: string; form: WithdrawForm }) {
  const { form } = props;
  return (
    <Layout title={formTitle(`Återkalla ärende ${props.caseNumber}`, form.errors)} viewer={props.viewer}>
      <p class="ds-paragraph">
        <a class="ds-link" href={props.casePath}>
          Tillbaka till ärendet
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {`Vill du återkalla ärende ${props.caseNumber}?`}
      </h1>
      <ErrorSummary errors={form.errors} />
      <p class="ds-paragraph kp-message">{`Rubrik: ${props.subject}`}</p>
      <div class="ds-alert" data-color="info">
        <h2 class="ds-heading" data-size="xs">
          Det här händer när du återkallar ärendet
        </h2>
        <ul class="ds-list">
          <li>Ärendet avslutas och handläggaren slutar arbeta med det.</li>
          <li>Du kan inte öppna ärendet igen själv. Behöver du hjälp igen skickar du in ett nytt ärende.</li>
          <li>Ärendet och dess historik finns kvar under Avslutade ärenden på Mina sidor.</li>
        </ul>
      </div>
      <form method="post" action={`${props.casePath}/aterkalla`} class="kp-form" novalidate>
        <CsrfField token={props.viewer?.csrfToken} />
        <IntentKeyField value={form.key} />
        <p class="ds-paragraph">Du kan skriva varför du återkallar ärendet. Skälet sparas i ärendet och handläggaren ser det.</p>
        <TextArea name="reason" label="Varför återkallar du ärendet?" required={false} rows={4} value={form.reason} errors={form.errors} />
        <div class="kp-actions">
          <button type="submit" class="ds-button" data-variant="primary" data-color="danger">
            Ja, återkalla ärendet
          </button>
          <a class="ds-button" data-variant="secondary" href={props.casePath}>
            Avbryt
          </a>
        </div>
      </form>
    </Layout>
  );
}
