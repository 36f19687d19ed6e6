// The bell's page: the customer's notifications, newest first, unread ones marked in words.
import { swedishDateTime } from '../format.js';
import { Layout, type Viewer } from '../layout.js';
import { caseHref } from './mina-sidor.js';

export interface NotificationRow {
  id: number;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
  caseNumber: string;
}

export function NotificationsPage(props: { viewer: Viewer | undefined; items: NotificationRow[]; nextHref: string | null; paged: boolean }) {
  return (
    <Layout title="Notiser" viewer={props.viewer}>
      <h1 class="ds-heading" data-size="lg">
        Notiser
      </h1>
      {props.items.length === 0 ? (
        <p class="ds-paragraph">Du har inga notiser.</p>
      ) : (
        <ul class="ds-list kp-timeline">
          {props.items.map((n) => (
            <li>
              <p class="ds-paragraph">
                {n.readAt === null && <strong>Oläst: </strong>}
                <a class="ds-link" href={caseHref(n.caseNumber)}>
                  {`${n.title} (${n.caseNumber})`}
                </a>
                {' – '}
                <time datetime={n.createdAt.toISOString()}>{swedishDateTime(n.createdAt)}</time>
              </p>
              <p class="ds-paragraph kp-message">{n.body}</p>
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
