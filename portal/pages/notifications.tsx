// The bell's page: the customer's notifications, newest first, unread ones marked in words.
import { CsrfField } from '../forms.js';
import { swedishDateTime } from '../format.js';
import { Layout, type Viewer } from '../layout.js';
import { casePath } from '../paths.js';

export interface NotificationRow {
  id: number;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
  caseNumber: string;
}

export function NotificationsPage(props: { viewer: Viewer | undefined; items: NotificationRow[]; unread: number; nextHref: string | null; paged: boolean }) {
  const csrf = props.viewer?.csrfToken;
  return (
    <Layout title="Notiser" viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Notiser
      </h1>
      <p class="ds-paragraph">{props.unread === 0 ? 'Du har inga olästa notiser.' : props.unread === 1 ? 'Du har 1 oläst notis.' : `Du har ${props.unread} olästa notiser.`}</p>
      {props.unread > 0 && (
        <form method="post" action="/mina-sidor/notiser/las-alla">
          <CsrfField token={csrf} />
          <button type="submit" class="ds-button" data-variant="secondary">
            Markera alla som lästa
          </button>
        </form>
      )}
      {props.items.length === 0 ? (
        <p class="ds-paragraph">Du har inga notiser.</p>
      ) : (
        <ul class="ds-list kp-timeline">
          {props.items.map((n) => (
            <li>
              <p class="ds-paragraph">
                {n.readAt === null && <strong>Oläst: </strong>}
                <a class="ds-link" href={casePath(n.caseNumber)}>
                  {n.title}
                </a>
                {' – '}
                <time datetime={n.createdAt.toISOString()}>{swedishDateTime(n.createdAt)}</time>
              </p>
              <p class="ds-paragraph kp-message">{n.body}</p>
              {n.readAt === null && (
                <form method="post" action={`/mina-sidor/notiser/${n.id}/las`}>
                  <CsrfField token={csrf} />
                  <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">
                    Markera som läst<span class="ds-sr-only">{`: ${n.title}`}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {(props.nextHref || props.paged) && (
        <nav class="kp-pager" aria-label="Sidor för notiser">
          {props.paged && (
            <a class="ds-link" href="/mina-sidor/notiser">
              Till de senaste
            </a>
          )}
          {props.nextHref && (
            <a class="ds-link" href={props.nextHref}>
              Visa äldre
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}
