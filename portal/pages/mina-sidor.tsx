// Mina sidor: Pågående ärenden and Avslutade ärenden, newest first, each list paged on its own, and
// for a local administrator the choice between their own and the organisation's cases.
import { CASE_TYPE_LABELS, type CaseStatus, type CaseType, STATUS_LABELS } from '../../domain/index.js';
import { swedishDateTime } from '../format.js';
import { Layout, type Viewer } from '../layout.js';
import { MyPagesNav } from './my-pages-nav.js';
import { casePath } from '../paths.js';

export interface CaseListRow {
  caseNumber: string;
  type: CaseType;
  subject: string;
  status: CaseStatus;
  updatedAt: Date;
  reporterName: string | null;
}

export interface CaseList {
  items: CaseListRow[];
  nextCursor: string | null;
  /** This list is showing a later page: offer the first one again. */
  paged: boolean;
}

export type Scope = 'own' | 'organisation';

/** Who acts next, in words: the handler asked for more, or the case is with the handlers. */
function nextStep(status: CaseStatus) {
  if (status === 'awaiting_customer') return <strong>Väntar på dig</strong>;
  if (status === 'closed') return 'Ingen, ärendet är avslutat';
  return 'Handläggaren';
}


function CaseTable(props: { id: string; heading: string; empty: string; list: CaseList; scope: Scope; pageHref: (cursor: string | null) => string }) {
  const { list, scope } = props;
  return (
    <section class="kp-section" aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="md" id={props.id}>
        {props.heading}
      </h2>
      {list.items.length === 0 ? (
        <p class="ds-paragraph">{props.empty}</p>
      ) : (
        <div class="kp-table-scroll" role="region" aria-labelledby={props.id} tabindex={0}>
          <table class="ds-table" data-border="true">
            <thead>
              <tr>
                <th scope="col">Ärendenummer</th>
                <th scope="col">Typ</th>
                <th scope="col">Rubrik</th>
                <th scope="col">Status</th>
                <th scope="col">Vem gör nästa steg</th>
                <th scope="col">Senast ändrad</th>
                {scope === 'organisation' && <th scope="col">Inskickat av</th>}
              </tr>
            </thead>
            <tbody>
              {list.items.map((r) => (
                <tr>
                  <td>
                    <a class="ds-link" href={casePath(r.caseNumber)}>
                      {r.caseNumber}
                    </a>
                  </td>
                  <td>{CASE_TYPE_LABELS[r.type]}</td>
                  <td>{r.subject}</td>
                  <td>{STATUS_LABELS[r.status]}</td>
                  <td>{nextStep(r.status)}</td>
                  <td>
                    <time datetime={r.updatedAt.toISOString()}>{swedishDateTime(r.updatedAt)}</time>
                  </td>
                  {scope === 'organisation' && <td>{r.reporterName ?? 'Okänd'}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(list.nextCursor || list.paged) && (
        <nav class="kp-pager" aria-label={`Sidor för ${props.heading.toLowerCase()}`}>
          {list.paged && (
            <a class="ds-link" href={props.pageHref(null)}>
              Till de senaste
            </a>
          )}
          {list.nextCursor && (
            <a class="ds-link" href={props.pageHref(list.nextCursor)}>
              Visa äldre
            </a>
          )}
        </nav>
      )}
    </section>
  );
}

export function MinaSidorPage(props: {
  viewer: Viewer | undefined;
  /** A one-time message, e.g. that the account was just created. */
  notice?: string | undefined;
  ongoing: CaseList;
  closed: CaseList;
  scope: Scope;
  mayChooseScope: boolean;
  href: (change: { scope?: Scope; ongoing?: string | null; closed?: string | null }) => string;
}) {
  const { scope } = props;
  const whose = scope === 'organisation' ? 'Organisationens' : 'Dina';
  return (
    <Layout title="Mina sidor" viewer={props.viewer}>
      {/* Only a local administrator may choose the organisation's cases: the same person Min organisation is for. */}
      <MyPagesNav current="arenden" isLocalAdmin={props.mayChooseScope} />
      <h1 class="ds-heading" data-size="lg">
        Mina sidor
      </h1>
      <p class="ds-paragraph">
        <a class="ds-button" data-variant="primary" href="/mina-sidor/nytt-arende">
          Skicka in nytt ärende
        </a>
      </p>
      {props.notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{props.notice}</p>
        </div>
      )}
      {props.mayChooseScope && (
        <nav aria-label="Vilka ärenden som visas">
          <p class="ds-paragraph">
            {scope === 'own' ? 'Du ser dina egna ärenden. ' : 'Du ser alla ärenden i din organisation. '}
            <a class="ds-link" href={props.href({ scope: scope === 'own' ? 'organisation' : 'own', ongoing: null, closed: null })}>
              {scope === 'own' ? 'Visa organisationens ärenden' : 'Visa bara mina ärenden'}
            </a>
          </p>
        </nav>
      )}
      <CaseTable
        id="pagaende"
        heading="Pågående ärenden"
        empty={`${whose === 'Dina' ? 'Du har' : 'Organisationen har'} inga pågående ärenden.`}
        list={props.ongoing}
        scope={scope}
        pageHref={(cursor) => props.href({ ongoing: cursor })}
      />
      <CaseTable
        id="avslutade"
        heading="Avslutade ärenden"
        empty={`${whose === 'Dina' ? 'Du har' : 'Organisationen har'} inga avslutade ärenden.`}
        list={props.closed}
        scope={scope}
        pageHref={(cursor) => props.href({ closed: cursor })}
      />
    </Layout>
  );
}
