// Swedish texts of the in-portal notifications (the bell); e-mail has its own templates.
import { STATUS_LABELS, type CaseStatus } from './statuses.js';

export type NotificationKind = 'received' | 'status' | 'message' | 'info_request' | 'reminder' | 'auto_closed';

export function notificationText(
  caseNumber: string,
  item: { kind: NotificationKind; from?: CaseStatus; to?: CaseStatus; closesAt?: string },
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
    case 'reminder':
      return { title: `Påminnelse: vi väntar på ditt svar i ärende ${caseNumber}`, body: reminderText(item.closesAt).join(' ') };
    case 'auto_closed':
      return { title: `Ärende ${caseNumber} har avslutats`, body: autoClosedText(caseNumber).join(' ') };
  }
}

/** "3 december", in Stockholm. */
const swedishDate = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', day: 'numeric', month: 'long' }).format(new Date(iso));

/** The reminder to a customer who has not answered the handler's question, in the bell and the e-mail. */
export function reminderText(closesAt: string | undefined): string[] {
  return [
    'Handläggaren väntar fortfarande på ditt svar för att kunna fortsätta med ditt ärende. Svara via Mina sidor.',
    ...(closesAt ? [`Om vi inte har fått ditt svar den ${swedishDate(closesAt)} avslutas ärendet.`] : []),
  ];
}

/**
 * The notice of a case closed because the customer did not answer, with how to go on: a closed case
 * takes no more messages from customers, so a new case that names this one (in the portal, or through
 * "Kontakta oss" for a sender without an account: the text names neither).
 */
export function autoClosedText(caseNumber: string): string[] {
  return [
    'Vi har avslutat ärendet eftersom vi inte fick svar på vår fråga.',
    `Behöver du fortfarande hjälp? Skicka in ett nytt ärende och skriv att det gäller ärende ${caseNumber}.`,
  ];
}
