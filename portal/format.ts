// Dates as people in Sweden read them, in Stockholm time whatever the server's zone.
const dateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** "26 november 2026 kl. 12:05" */
export const swedishDateTime = (at: Date) => dateTime.format(at);
