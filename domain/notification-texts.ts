// Swedish texts of the in-portal notifications (the bell); e-mail has its own templates.
import { STATUS_LABELS, type CaseStatus } from './statuses.js';

export type NotificationKind = 'received' | 'status' | 'message' | 'info_request';

export function notificationText(
  caseNumber: string,
  item: { kind: NotificationKind; from?: CaseStatus; to?: CaseStatus },
): { title: string; body: string } {
  switch (item.kind) {
    case 'received':
      return {
        title: `Ditt ärende ${caseNumber} är nu inskickat`,
        body: 'Tack, ditt ärende är nu registrerat! Inkomna ärenden hanteras helgfria vardagar mellan 09:00–16:00.',
      };
    case 'status':
      return {
        title: `Ärende ${caseNumber} har fått status ${STATUS_LABELS[item.to ?? 'submitted']}`,
        body: `Status har ändrats från ${STATUS_LABELS[item.from ?? 'submitted']} till ${STATUS_LABELS[item.to ?? 'submitted']}.`,
      };
    case 'message':
      return { title: `Nytt meddelande i ärende ${caseNumber}`, body: 'Du har fått ett nytt meddelande från handläggaren.' };
    case 'info_request':
      return {
        title: `Komplettering behövs i ärende ${caseNumber}`,
        body: 'Handläggaren behöver fler uppgifter för att kunna hantera ditt ärende. Svara via Mina sidor.',
      };
  }
}
