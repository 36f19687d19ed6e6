// The case page (Visa detaljer): the handler's question at the top when they asked for more, every
// submitted field, SITHS rows as a table, the public timeline with its messages, the reply form, the
// PDF and the way to withdraw the case.
import {
  CASE_TYPE_LABELS,
  type CaseStatus,
  type CaseSubmission,
  type CaseType,
  STATUS_LABELS,
  checkTransition,
} from '../../domain/index.js';
import { AUTO_CLOSE_EVENT } from '../../domain/statuses.js';
import { autoClosedText } from '../../domain/notification-texts.js';
import { NEW_CASE_PATH } from './new-case.js';
import { ErrorSummary, formTitle } from '../forms.js';
import { CaseTimeline, type CaseTimelineEntry, type ReplyForm, ReplySection, When } from './case-parts.js';
import { Layout, type Viewer } from '../layout.js';
import { casePath } from '../paths.js';


export interface CaseDetails {
  caseNumber: string;
  type: CaseType;
  status: CaseStatus;
  subject: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  resolution: string | null;
  submission: CaseSubmission;
  timeline: CaseTimelineEntry[];
}

const orDash = (value: string | undefined | null) => (value ? value : '–');
const yesNo = (value: boolean | undefined) => (value ? 'Ja' : 'Nej');

function Facts({ rows }: { rows: Array<[string, unknown]> }) {
  return (
    <dl class="kp-facts">
      {rows.map(([label, value]) => (
        <>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </>
      ))}
    </dl>
  );
}

function Submitted({ s }: { s: CaseSubmission }) {
  if (s.type === 'siths_order') {
    return (
      <>
        <Facts rows={[['Rubrik', s.subject], ['Antal kort', String(s.rows.length)]]} />
        <div class="kp-table-scroll" role="region" aria-labelledby="kort" tabindex={0}>
          <table class="ds-table" data-border="true">
            <caption id="kort">SITHS-kort som beställs</caption>
            <thead>
              <tr>
                <th scope="col">För- och efternamn</th>
                <th scope="col">Personnummer</th>
                <th scope="col">E-postadress</th>
                <th scope="col">Övrig information</th>
                <th scope="col">Kortutlämningskontor</th>
                <th scope="col">Eget kortkontor</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr>
                  <td>{r.name}</td>
                  <td>{r.personnummer}</td>
                  <td>{r.email}</td>
                  <td>{orDash(r.otherInfo)}</td>
                  <td>{orDash(r.pickupOffice)}</td>
                  <td>{yesNo(r.ownCardOffice)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </>
    );
  }
  const rows: Array<[string, unknown]> = [['Rubrik', s.subject]];
  if (s.type !== 'other') rows.push(['Tjänst', orDash(s.service)]);
  rows.push(['Beskrivning', s.description]);
  return <Facts rows={rows} />;
}

/** The reply form's state: a fresh key on every page, or what came back with errors. */

export function CasePage({
  viewer,
  details: d,
  viewerAccountId,
  reply,
  notice,
}: {
  viewer: Viewer | undefined;
  details: CaseDetails;
  viewerAccountId: number;
  reply: ReplyForm;
  notice?: string | undefined;
}) {
  const c = d.submission.contact;
  const request = d.status === 'awaiting_customer' ? d.timeline.findLast((e) => e.action === 'request_info') : undefined;
  const path = casePath(d.caseNumber);
  return (
    <Layout title={formTitle(`Ärende ${d.caseNumber}`, reply.errors)} viewer={viewer}>
      <p class="ds-paragraph">
        <a class="ds-link" href="/mina-sidor">
          Tillbaka till Mina sidor
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {`Ärende ${d.caseNumber}: ${d.subject}`}
      </h1>
      <ErrorSummary errors={reply.errors} />
      {notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{notice}</p>
        </div>
      )}
      {request && (
        <div class="ds-alert kp-request" data-color="warning" role="region" aria-labelledby="fraga-rubrik">
          <h2 class="ds-heading" data-size="xs" id="fraga-rubrik">
            Handläggaren behöver mer information från dig
          </h2>
          {request.message && (
            <blockquote class="kp-quote">
              <p class="ds-paragraph kp-message">{request.message.body}</p>
            </blockquote>
          )}
          <p class="ds-paragraph" data-size="sm">
            {'Frågan ställdes '}
            <When at={request.at} />.
          </p>
          <p class="ds-paragraph">
            <a class="ds-link" href="#falt-body">
              Svara på frågan
            </a>
          </p>
        </div>
      )}
      <Facts
        rows={[
          ['Ärendetyp', CASE_TYPE_LABELS[d.type]],
          ['Status', STATUS_LABELS[d.status]],
          ['Vem gör nästa steg', d.status === 'awaiting_customer' ? 'Väntar på dig' : d.status === 'closed' ? 'Ingen, ärendet är avslutat' : 'Handläggaren'],
          ['Inskickat', <When at={d.createdAt} />],
          ['Senast ändrad', <When at={d.updatedAt} />],
          ...(d.closedAt ? ([['Avslutat', <When at={d.closedAt} />]] as Array<[string, unknown]>) : []),
          ...(d.resolution ? ([['Lösning', d.resolution]] as Array<[string, unknown]>) : []),
        ]}
      />
      <p class="kp-actions">
        <a class="ds-button" data-variant="secondary" href={`${path}/pdf`} download>
          Ladda ner som PDF
        </a>
        {checkTransition(d.status, 'withdraw').ok && (
          <a class="ds-button" data-variant="secondary" data-color="danger" href={`${path}/aterkalla`}>
            Återkalla ärendet
          </a>
        )}
      </p>

      {d.status === 'closed' && d.timeline.at(-1)?.action === AUTO_CLOSE_EVENT && (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">
            {autoClosedText(d.caseNumber).join(' ')}{' '}
            <a class="ds-link" href={NEW_CASE_PATH}>
              Skicka in ett nytt ärende
            </a>
          </p>
        </div>
      )}

      <ReplySection status={d.status} action={`${path}/meddelande`} csrfToken={viewer?.csrfToken ?? ''} reply={reply} />

      <section class="kp-section" aria-labelledby="uppgifter">
        <h2 class="ds-heading" data-size="md" id="uppgifter">
          Uppgifter i ärendet
        </h2>
        <Submitted s={d.submission} />
      </section>

      <section class="kp-section" aria-labelledby="kontakt">
        <h2 class="ds-heading" data-size="md" id="kontakt">
          Kontaktuppgifter
        </h2>
        <Facts
          rows={[
            ['Organisation', c.organisationName],
            ['Organisationsnummer', c.organisationsnummer],
            ['Enhet', orDash(c.unitName)],
            ['Namn', c.name],
            ['Personnummer', c.personnummer],
            ['E-postadress', c.email],
            ['Besked via e-post', yesNo(c.notifyByEmail)],
          ]}
        />
      </section>

      <CaseTimeline entries={d.timeline} isYou={(actor) => actor.id === viewerAccountId} />
    </Layout>
  );
}
