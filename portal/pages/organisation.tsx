// Min organisation, for local administrators: the organisation, its members and their roles, and a
// plain form per role and member to give or take away "Får beställa" and "Lokal administratör".
import { CsrfField } from '../forms.js';
import { Layout, type Viewer } from '../layout.js';
import { MyPagesNav } from './my-pages-nav.js';

export interface OrganisationFacts {
  name: string;
  organisationsnummer: string;
  verifiedAt: Date | null;
}

export interface MemberRow {
  id: number;
  name: string;
  email: string;
  unitName: string | null;
  canOrder: boolean;
  isLocalAdmin: boolean;
}

/** The two roles as the forms name them, and how the page says each. */
export type RoleField = 'bestalla' | 'admin';

export const memberRolesPath = (memberId: number) => `/mina-sidor/organisation/medlemmar/${memberId}/roller`;

/** Why a change was not made: shown at the top of the page, focused on arrival. */
export interface RoleRefusal {
  text: string;
  hint?: string | undefined;
}

function RoleButton(props: { member: MemberRow; role: RoleField; grant: boolean; csrf: string | undefined }) {
  const { member, role, grant } = props;
  const label =
    role === 'bestalla' ? (grant ? 'Ge rätt att beställa' : 'Ta bort rätt att beställa') : grant ? 'Gör till lokal administratör' : 'Ta bort som lokal administratör';
  return (
    <form method="post" action={memberRolesPath(member.id)}>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="roll" value={role} />
      <input type="hidden" name="ge" value={grant ? 'ja' : 'nej'} />
      <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
        {label}
        <span class="ds-sr-only">{` (${member.name})`}</span>
      </button>
    </form>
  );
}

const yesNo = (v: boolean) => (v ? 'Ja' : 'Nej');

export function OrganisationPage(props: {
  viewer: Viewer | undefined;
  organisation: OrganisationFacts;
  members: MemberRow[];
  viewerAccountId: number;
  notice?: string | undefined;
  refusal?: RoleRefusal | undefined;
}) {
  const { organisation: o, refusal } = props;
  const csrf = props.viewer?.csrfToken;
  return (
    <Layout title={refusal ? `Fel: Rollen ändrades inte – Min organisation` : 'Min organisation'} viewer={props.viewer}>
      <MyPagesNav current="organisation" isLocalAdmin />
      <h1 class="ds-heading" data-size="lg">
        Min organisation
      </h1>
      {refusal && (
        <div class="ds-alert" data-color="danger" id="fel" tabindex={-1} autofocus aria-labelledby="fel-rubrik">
          <h2 class="ds-heading" data-size="xs" id="fel-rubrik">
            Rollen ändrades inte
          </h2>
          <p class="ds-paragraph">{refusal.text}</p>
          {refusal.hint && <p class="ds-paragraph">{refusal.hint}</p>}
        </div>
      )}
      {props.notice && (
        <div class="ds-alert" data-color="success" role="status">
          <p class="ds-paragraph">{props.notice}</p>
        </div>
      )}
      <dl class="kp-facts">
        <dt>Organisation</dt>
        <dd>{o.name}</dd>
        <dt>Organisationsnummer</dt>
        <dd>{o.organisationsnummer}</dd>
        <dt>Status</dt>
        <dd>{o.verifiedAt ? 'Verifierad' : 'Väntar på verifiering. Vi granskar organisationen.'}</dd>
      </dl>

      <section class="kp-section" aria-labelledby="medlemmar">
        <h2 class="ds-heading" data-size="md" id="medlemmar">
          Medlemmar
        </h2>
        <p class="ds-paragraph" data-variant="long">
          Den som får beställa kan skicka in beställningar, till exempel av SITHS-kort, för organisationen. En lokal administratör ser alla
          organisationens ärenden och ändrar medlemmarnas roller här. Din egen administratörsroll kan bara en annan lokal
          administratör ta bort.
        </p>
        <div class="kp-table-scroll" role="region" aria-labelledby="medlemmar" tabindex={0}>
          <table class="ds-table" data-border="true">
            <thead>
              <tr>
                <th scope="col">Namn</th>
                <th scope="col">E-postadress</th>
                <th scope="col">Enhet</th>
                <th scope="col">Får beställa</th>
                <th scope="col">Lokal administratör</th>
                <th scope="col">Ändra roller</th>
              </tr>
            </thead>
            <tbody>
              {props.members.map((m) => {
                const self = m.id === props.viewerAccountId;
                return (
                  <tr>
                    <th scope="row">{self ? `${m.name} (du)` : m.name}</th>
                    <td>{m.email}</td>
                    <td>{m.unitName ?? '–'}</td>
                    <td>{yesNo(m.canOrder)}</td>
                    <td>{yesNo(m.isLocalAdmin)}</td>
                    <td>
                      <div class="kp-role-forms">
                        <RoleButton member={m} role="bestalla" grant={!m.canOrder} csrf={csrf} />
                        {!(self && m.isLocalAdmin) && <RoleButton member={m} role="admin" grant={!m.isLocalAdmin} csrf={csrf} />}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}

/** For a member who is not a local administrator: who may change roles instead. */
export function NotLocalAdminPage(props: { viewer: Viewer | undefined; administrators: string[] }) {
  const names = props.administrators;
  return (
    <Layout title="Bara för lokala administratörer" viewer={props.viewer}>
      <MyPagesNav isLocalAdmin={false} />
      <h1 class="ds-heading" data-size="lg">
        Bara för lokala administratörer
      </h1>
      <p class="ds-paragraph" data-variant="long">
        Sidan Min organisation visar organisationens medlemmar och deras roller. Den är bara för organisationens lokala
        administratörer.
      </p>
      {names.length > 0 ? (
        <>
          <p class="ds-paragraph">
            {names.length === 1
              ? 'Vill du få rätt att beställa, eller bli lokal administratör, kan du fråga din organisations lokala administratör:'
              : 'Vill du få rätt att beställa, eller bli lokal administratör, kan du fråga någon av din organisations lokala administratörer:'}
          </p>
          <ul class="ds-list">
            {names.map((n) => (
              <li>{n}</li>
            ))}
          </ul>
        </>
      ) : (
        <p class="ds-paragraph" data-variant="long">
          Din organisation har ingen lokal administratör ännu. När vi har verifierat en ny organisation blir den som registrerade
          den lokal administratör.
        </p>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href="/mina-sidor">
          Till Mina sidor
        </a>
      </p>
    </Layout>
  );
}
