// The receipt after "Skicka in ärendet" (the order guide's step 9): the case is registered, when it is
// handled, its number to note, and the way to its details and its PDF.
import { Layout, type Viewer } from '../layout.js';
import { casePath } from '../paths.js';


/** `text` is services/cases.ts SUBMITTED_TEXT, the same words the API answers with. */
export function ReceiptPage(props: { viewer: Viewer | undefined; caseNumber: string; text: { message: string; info: string } }) {
  const { text } = props;
  const path = casePath(props.caseNumber);
  return (
    <Layout title={`${text.message.replace(/\.$/, '')}: ${props.caseNumber}`} viewer={props.viewer}>
      <div class="kp-receipt">
        <h1 class="ds-heading" data-size="lg">
          <span class="kp-receipt__mark" aria-hidden="true">
            ✔{' '}
          </span>
          {text.message}
        </h1>
        <p class="ds-paragraph">{text.info}</p>
      </div>
      <dl class="kp-receipt__number">
        <dt>Ärendenummer</dt>
        <dd>{props.caseNumber}</dd>
      </dl>
      <p class="ds-paragraph" data-variant="long">
        Skriv gärna upp ärendenumret. Det är det supporten frågar efter när du hör av dig om ärendet. Du hittar också ärendet under Mina sidor.
      </p>
      <ul class="ds-list kp-actions kp-receipt__actions">
        <li>
          <a class="ds-button" data-variant="primary" href={path}>
            Visa detaljer
          </a>
        </li>
        <li>
          <a class="ds-button" data-variant="secondary" href={`${path}/pdf`}>
            Ladda ner som PDF
          </a>
        </li>
        <li>
          <a class="ds-link" href="/mina-sidor">
            Till Mina sidor
          </a>
        </li>
      </ul>
    </Layout>
  );
}
