// What the case page and the contact form's follow-up page show alike: the timeline in words and the
// form to write to the handler.
import { ACTION_LABELS, type CaseAction, type CaseStatus, STATUS_LABELS } from '../../domain/index.js';
import { AUTO_CLOSE_EVENT, CUSTOMER_REMINDER_EVENT } from '../../domain/statuses.js';
import { CsrfField, type FormErrors, IntentKeyField, TextArea } from '../forms.js';
import { swedishDateTime } from '../format.js';

export interface CaseTimelineEntry {
  action: string;
  actor: { type: string; id?: number | null };
  toStatus?: CaseStatus;
  at: Date;
  message?: { visibility: string | null; body: string };
}

export interface ReplyForm {
  key: string;
  body?: string | undefined;
  errors: FormErrors;
}

export const When = ({ at }: { at: Date }) => <time datetime={at.toISOString()}>{swedishDateTime(at)}</time>;

/** The event in words; `isYou` tells whether a customer actor is the person reading. */
function whatHappened(e: CaseTimelineEntry, isYou: (actor: CaseTimelineEntry['actor']) => boolean) {
  const who = e.actor.type === 'staff' ? 'Handläggaren' : e.actor.type === 'customer' ? (isYou(e.actor) ? 'Du' : 'Kunden') : 'Kundportalen';
  switch (e.action) {
    case 'submit':
      return `${who} skickade in ärendet`;
    case 'reply':
      return 'Handläggaren svarade';
    case 'request_info':
      return 'Handläggaren behöver mer information från dig';
    case 'customer_message':
      return `${who} skrev ett meddelande`;
    case 'close':
      return 'Ärendet avslutades';
    case 'withdraw':
      return `${who} återkallade ärendet`;
    case CUSTOMER_REMINDER_EVENT:
      return 'Vi påminde dig om att svara på vår fråga';
    case AUTO_CLOSE_EVENT:
      return 'Ärendet avslutades eftersom vi inte fick svar på vår fråga';
    default: {
      const label = ACTION_LABELS[e.action as CaseAction] ?? 'Ärendet ändrades';
      return e.toStatus ? `${label} (${STATUS_LABELS[e.toStatus]})` : label;
    }
  }
}

/** Ärendehistorik: each public event with its message; `submitted` is the text sent in, shown under the submission. */
export function CaseTimeline({
  entries,
  isYou,
  submitted,
}: {
  entries: CaseTimelineEntry[];
  isYou: (actor: CaseTimelineEntry['actor']) => boolean;
  submitted?: string | undefined;
}) {
  return (
    <section class="kp-section" aria-labelledby="historik">
      <h2 class="ds-heading" data-size="md" id="historik">
        Ärendehistorik
      </h2>
      <ol class="kp-timeline">
        {entries.map((e) => (
          <li>
            <p class="ds-paragraph">
              <strong>{whatHappened(e, isYou)}</strong>
              {' – '}
              <When at={e.at} />
            </p>
            {e.action === 'submit' && submitted && <p class="ds-paragraph kp-message">{submitted}</p>}
            {e.message?.visibility === 'public' && <p class="ds-paragraph kp-message">{e.message.body}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Svara handläggaren / Skriv ett meddelande, while the case is open. */
export function ReplySection({ status, action, csrfToken, reply }: { status: CaseStatus; action: string; csrfToken?: string | undefined; reply: ReplyForm }) {
  if (status === 'closed') return null;
  return (
    <section class="kp-section" aria-labelledby="svara">
      <h2 class="ds-heading" data-size="md" id="svara">
        {status === 'awaiting_customer' ? 'Svara handläggaren' : 'Skriv ett meddelande'}
      </h2>
      <form method="post" action={action} class="kp-form" novalidate data-submit-once>
        {csrfToken !== undefined && <CsrfField token={csrfToken} />}
        <IntentKeyField value={reply.key} />
        <TextArea name="body" label="Meddelande till handläggaren" required value={reply.body} errors={reply.errors} />
        <button type="submit" class="ds-button" data-variant="primary">
          Skicka meddelandet
        </button>
      </form>
    </section>
  );
}
