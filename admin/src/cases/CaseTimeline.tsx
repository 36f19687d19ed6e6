import CancelScheduleSendIcon from '@mui/icons-material/CancelScheduleSendOutlined';
import ChatBubbleOutlineIcon from '@mui/icons-material/ChatBubbleOutlineOutlined';
import LockIcon from '@mui/icons-material/Lock';
import TimerIcon from '@mui/icons-material/TimerOutlined';
import ReplyIcon from '@mui/icons-material/Reply';
import { Box, Card, CardContent, Chip, Typography } from '@mui/material';
import { formatStockholm } from '../common/dates';
import { ACTION_LABELS, STATUS_LABELS } from '../../../domain/labels';
import { AUTO_CLOSE_EVENT, CUSTOMER_REMINDER_EVENT, EMAIL_FAILED_EVENT } from '../../../domain/statuses';
import type { CaseStatus, ServiceLevelEvent, TimelineEvent } from '../types';

const statusLabel = (status: CaseStatus | null) => (status ? (STATUS_LABELS[status] ?? status) : '');

const actorName = (event: TimelineEvent) =>
  event.actor.name ?? (event.actor.type === 'system' ? 'systemet' : event.actor.type === 'customer' ? 'kunden' : 'en handläggare');

/** What happened, for events that carry no message. */
const ACTION_TEXT: Record<string, string> = {
  submit: 'Ärendet skickades in',
  take: 'Ärendet togs',
  assign: 'Ärendet tilldelades',
  close: 'Ärendet avslutades',
  reopen: 'Ärendet återöppnades',
  withdraw: 'Kunden återkallade ärendet',
  [CUSTOMER_REMINDER_EVENT]: 'Kunden påmindes automatiskt om att svara på frågan',
};

const CLOCK_NAMES: Record<ServiceLevelEvent['clock'], string> = { firstResponse: 'tiden till första svar', resolution: 'tiden till lösning' };

/** A clock reached 80 % of its target, or passed it. */
const ServiceLevelLine = ({ event }: { event: ServiceLevelEvent }) => (
  <Typography variant="body2" sx={{ pl: 1, display: 'flex', gap: 0.5, alignItems: 'flex-start', color: event.kind === 'sla_breach' ? '#8a1c1c' : '#6b4e00' }}>
    <TimerIcon fontSize="small" aria-hidden />
    <span>
      {event.kind === 'sla_breach' ? `Målet för ${CLOCK_NAMES[event.clock]} har passerats` : `80 % av ${CLOCK_NAMES[event.clock]} har gått`} ·{' '}
      <time dateTime={event.at}>{formatStockholm(event.at)}</time>
    </span>
  </Typography>
);

const RUNNING: ReadonlyArray<CaseStatus | null> = ['submitted', 'in_progress'];
/** The resolution clock pauses while the case waits for the customer and runs again when it stops waiting. */
function clockChange(event: TimelineEvent): string | undefined {
  if (event.toStatus === 'awaiting_customer' && RUNNING.includes(event.fromStatus)) return 'Klockan för tiden till lösning pausas medan ärendet väntar på kunden.';
  if (event.fromStatus === 'awaiting_customer' && RUNNING.includes(event.toStatus)) return 'Klockan för tiden till lösning går igen.';
  return undefined;
}

type MessageKind = 'internal' | 'to-customer' | 'from-customer';

function messageKind(event: TimelineEvent): MessageKind {
  if (event.message?.visibility === 'internal') return 'internal';
  return event.actor.type === 'customer' ? 'from-customer' : 'to-customer';
}

const MESSAGE_STYLE: Record<MessageKind, { title: string; icon: React.ReactNode; sx: object }> = {
  internal: {
    title: ACTION_LABELS.note,
    icon: <LockIcon fontSize="small" aria-hidden />,
    sx: { bgcolor: '#fff8dc', borderLeft: '6px solid #c79100' },
  },
  'to-customer': {
    title: 'Meddelande till kund',
    icon: <ReplyIcon fontSize="small" aria-hidden />,
    sx: { bgcolor: '#f1f6fd', borderLeft: '6px solid #1f5fa8' },
  },
  'from-customer': {
    title: ACTION_LABELS.customer_message,
    icon: <ChatBubbleOutlineIcon fontSize="small" aria-hidden />,
    sx: { bgcolor: '#ffffff', borderLeft: '6px solid #5f6b7a' },
  },
};

const MessageCard = ({ event }: { event: TimelineEvent }) => {
  const kind = messageKind(event);
  const style = MESSAGE_STYLE[kind];
  return (
    <Card variant="outlined" sx={style.sx} data-kind={kind}>
      <CardContent sx={{ pb: '12px !important' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
          {style.icon}
          <Typography component="h3" variant="subtitle2">
            {style.title}
            {event.action === 'request_info' || event.action === 'request-info' ? ' · Begäran om komplettering' : ''}
          </Typography>
          {kind === 'internal' && (
            <Chip
              size="small"
              icon={<LockIcon aria-hidden />}
              label="Intern"
              sx={{ bgcolor: '#ffe08a', color: '#4a3500', fontWeight: 700, '& .MuiChip-icon': { color: '#4a3500' } }}
            />
          )}
          <Typography variant="body2" sx={{ color: 'text.secondary', ml: 'auto' }}>
            {actorName(event)} · <time dateTime={event.at}>{formatStockholm(event.at)}</time>
          </Typography>
        </Box>
        <Typography sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{event.message?.body}</Typography>
        {kind === 'internal' && (
          <Typography variant="caption" sx={{ display: 'block', mt: 1, color: '#4a3500' }}>
            Syns bara för handläggare.
          </Typography>
        )}
      </CardContent>
    </Card>
  );
};

const SmallLine = ({ children, at }: { children: React.ReactNode; at: string }) => (
  <Typography variant="body2" sx={{ color: 'text.secondary', pl: 1 }}>
    {children} · <time dateTime={at}>{formatStockholm(at)}</time>
  </Typography>
);

/** The relay refused an e-mail to the customer for good; the system wrote this, nobody acted. */
const EmailRefusedLine = ({ event }: { event: TimelineEvent }) => (
  <Typography variant="body2" sx={{ pl: 1, display: 'flex', gap: 0.5, alignItems: 'flex-start', color: '#8a1c1c' }}>
    <CancelScheduleSendIcon fontSize="small" aria-hidden />
    <span>
      E-post kunde inte levereras{event.email?.recipient ? ` till ${event.email.recipient}` : ''}
      {event.email?.reason ? ` (${event.email.reason})` : ''} · <time dateTime={event.at}>{formatStockholm(event.at)}</time>
    </span>
  </Typography>
);

const TimelineItem = ({ event, staffName }: { event: TimelineEvent; staffName: (id: number) => string | undefined }) => {
  const statusChanged = event.fromStatus !== null && event.toStatus !== null && event.fromStatus !== event.toStatus;
  const assignee = event.action === 'assign' && event.data?.assigneeId ? staffName(event.data.assigneeId) : undefined;
  const resolution = event.action === 'close' || event.action === AUTO_CLOSE_EVENT ? event.data?.resolution : undefined;
  const clock = clockChange(event);
  if (event.action === EMAIL_FAILED_EVENT) {
    return (
      <Box component="li" sx={{ listStyle: 'none' }}>
        <EmailRefusedLine event={event} />
      </Box>
    );
  }
  return (
    <Box component="li" sx={{ listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      {event.message && <MessageCard event={event} />}
      {!event.message && !statusChanged && (
        <SmallLine at={event.at}>
          {ACTION_TEXT[event.action] ?? event.action}
          {assignee ? ` till ${assignee}` : ''}
          {event.actor.type === 'system' ? '' : ` av ${actorName(event)}`}
        </SmallLine>
      )}
      {statusChanged && (
        <SmallLine at={event.at}>
          Status ändrad: {statusLabel(event.fromStatus)} → {statusLabel(event.toStatus)} av {actorName(event)}
          {assignee ? ` (tilldelat ${assignee})` : ''}
          {event.action === AUTO_CLOSE_EVENT ? ' (avslutat automatiskt, kunden svarade inte)' : ''}
        </SmallLine>
      )}
      {clock && (
        <Typography variant="body2" sx={{ pl: 1, display: 'flex', gap: 0.5, alignItems: 'flex-start', color: 'text.secondary' }}>
          <TimerIcon fontSize="small" aria-hidden />
          <span>{clock}</span>
        </Typography>
      )}
      {resolution && (
        <Typography variant="body2" sx={{ pl: 1, whiteSpace: 'pre-wrap' }}>
          <strong>Lösning:</strong> {resolution}
        </Typography>
      )}
    </Box>
  );
};

/** The whole history of a case, oldest first, newest last: its events and, at their times, its service-level warnings. */
export const CaseTimeline = ({
  events,
  serviceLevelEvents = [],
  staffName = () => undefined,
}: {
  events: TimelineEvent[];
  serviceLevelEvents?: ServiceLevelEvent[];
  staffName?: (id: number) => string | undefined;
}) => {
  const ordered = [...events].sort((a, b) => a.version - b.version);
  // Each warning goes before the first event after it; the rest after the last.
  const later = [...serviceLevelEvents].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const before = new Map(
    ordered.map((event) => [event.version, later.splice(0, later.filter((w) => Date.parse(w.at) < Date.parse(event.at)).length)] as const),
  );
  const warningItems = (ws: ServiceLevelEvent[]) =>
    ws.map((w) => (
      <Box component="li" key={`sla-${w.kind}-${w.clock}`} sx={{ listStyle: 'none' }}>
        <ServiceLevelLine event={w} />
      </Box>
    ));
  return (
    <Box component="ol" sx={{ m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 1.5 }} aria-label="Händelser, äldst först">
      {ordered.map((event) => [
        ...warningItems(before.get(event.version) ?? []),
        <TimelineItem key={event.version} event={event} staffName={staffName} />,
      ])}
      {warningItems(later)}
    </Box>
  );
};
