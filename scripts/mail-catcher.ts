// Development SMTP catcher: accepts every message, keeps it in memory and shows it in the browser.
// Tests may make it refuse given recipients for good (550), like a relay does a mailbox that is gone.
// Run: npx tsx scripts/mail-catcher.ts (ports from SMTP_PORT and MAIL_CATCHER_HTTP_PORT).
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import { Hono } from 'hono';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig } from '../config/index.js';

export interface CaughtMail {
  id: string;
  /** ISO 8601, when the catcher received the message. */
  date: string;
  from: string;
  to: string;
  subject: string;
  /** The Message-ID header as sent: every copy of one notification carries the same. */
  messageId: string | null;
  text: string;
  html: string | null;
}

export interface MailCatcher {
  smtpPort: number;
  httpPort: number;
  /** Newest first. */
  messages: CaughtMail[];
  /** Recipients answered `550 5.1.1` at RCPT TO (lower case); change it at any time. */
  refused: Set<string>;
  close(): Promise<void>;
}

const MAX_MESSAGES = 1000;
const MAX_SIZE = 10 * 1024 * 1024;

// Everything on the pages is data from arbitrary mail; escape it all.
function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function addresses(a: AddressObject | AddressObject[] | undefined): string {
  if (!a) return '';
  return (Array.isArray(a) ? a : [a]).map((x) => x.text).join(', ');
}

const timeFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'medium' });

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2937; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  th { background: #f3f4f6; }
  iframe { width: 100%; height: 70vh; border: 1px solid #d1d5db; }
  pre { white-space: pre-wrap; background: #f9fafb; padding: 1rem; border: 1px solid #e5e7eb; }
  dt { font-weight: bold; } dd { margin: 0 0 .5rem; }
</style>
</head>
<body>
${body}
</body>
</html>`;
}

function listPage(messages: CaughtMail[]): string {
  const rows = messages
    .map(
      (m) => `<tr>
  <td>${esc(timeFormat.format(new Date(m.date)))}</td>
  <td>${esc(m.to)}</td>
  <td><a href="/messages/${encodeURIComponent(m.id)}">${esc(m.subject || '(inget ämne)')}</a></td>
</tr>`,
    )
    .join('\n');
  const table = messages.length
    ? `<table>
<thead><tr><th>Tid</th><th>Till</th><th>Ämne</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`
    : '<p>Ingen e-post har fångats ännu.</p>';
  return page(
    'Fångad e-post',
    `<h1>Fångad e-post</h1>
<p>${messages.length} meddelanden (högst ${MAX_MESSAGES} sparas, nyast först). Ladda om sidan för att se nya.
Töm listan med <code>DELETE /api/messages</code>.</p>
${table}`,
  );
}

function messagePage(m: CaughtMail): string {
  // sandbox without allow-scripts/allow-same-origin: the mail cannot run code or reach this page.
  const htmlPart =
    m.html === null
      ? '<p>Meddelandet saknar HTML-del.</p>'
      : `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc="${esc(m.html)}" title="HTML-del"></iframe>`;
  return page(
    m.subject || 'Meddelande',
    `<p><a href="/">← Tillbaka till listan</a></p>
<h1>${esc(m.subject || '(inget ämne)')}</h1>
<dl>
  <dt>Tid</dt><dd>${esc(timeFormat.format(new Date(m.date)))}</dd>
  <dt>Från</dt><dd>${esc(m.from)}</dd>
  <dt>Till</dt><dd>${esc(m.to)}</dd>
</dl>
<h2>HTML-del</h2>
${htmlPart}
<h2>Textdel</h2>
<pre>${esc(m.text)}</pre>`,
  );
}

export async function startMailCatcher(opts: { smtpPort: number; httpPort: number; host?: string; refuse?: Iterable<string> }): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const messages: CaughtMail[] = [];
  const refused = new Set([...(opts.refuse ?? [])].map((a) => a.toLowerCase()));
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    // Accept whatever credentials a client sends, over plain text: this is a local dev catcher.
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      cb(null, { user: auth.username ?? 'dev' });
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: MAX_SIZE,
    closeTimeout: 2000,
    onRcptTo(address, _session, cb) {
      if (!refused.has(address.address.toLowerCase())) return cb();
      cb(Object.assign(new Error('5.1.1 Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, _session, cb) {
      simpleParser(stream)
        .then((mail) => {
          if (stream.sizeExceeded) {
            const err = new Error('Meddelandet är för stort') as Error & { responseCode: number };
            err.responseCode = 552;
            return cb(err);
          }
          messages.unshift({
            id: String(nextId++),
            date: new Date().toISOString(),
            from: addresses(mail.from),
            to: addresses(mail.to),
            subject: mail.subject ?? '',
            messageId: mail.messageId ?? null,
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : null,
          });
          messages.splice(MAX_MESSAGES);
          cb();
        })
        .catch((err: unknown) => cb(err instanceof Error ? err : new Error(String(err))));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(opts.smtpPort, host, () => {
      smtp.off('error', reject);
      resolve();
    });
  });
  // smtp-server re-emits client socket errors (e.g. a reset connection); without a listener they would crash the process.
  smtp.on('error', (err) => console.warn(`mail-catcher: SMTP error: ${err.message}`));
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const app = new Hono();
  app.use(async (c, next) => {
    await next();
    c.header('Content-Security-Policy', "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'");
    c.header('X-Content-Type-Options', 'nosniff');
  });
  app.get('/', (c) => c.html(listPage(messages)));
  app.get('/messages/:id', (c) => {
    const m = messages.find((x) => x.id === c.req.param('id'));
    if (!m) return c.html(page('Hittades inte', '<h1>Meddelandet finns inte</h1><p><a href="/">Tillbaka</a></p>'), 404);
    return c.html(messagePage(m));
  });
  app.get('/api/messages', (c) => c.json(messages));
  app.delete('/api/messages', (c) => {
    messages.length = 0;
    return c.body(null, 204);
  });

  let http: ServerType | undefined;
  let httpPort = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      http = serve({ fetch: app.fetch, port: opts.httpPort, hostname: host }, (info) => {
        httpPort = info.port;
        resolve();
      });
      http.once('error', reject);
    });
  } catch (err) {
    await new Promise<void>((r) => smtp.close(r));
    throw err;
  }

  return {
    smtpPort,
    httpPort,
    messages,
    refused,
    async close() {
      const h = http;
      await Promise.all([
        new Promise<void>((r) => smtp.close(r)),
        new Promise<void>((resolve, reject) => {
          if (!h) return resolve();
          h.close((err) => (err ? reject(err) : resolve()));
          // Keep-alive connections (e.g. from fetch) would otherwise hold close() open.
          if ('closeAllConnections' in h) h.closeAllConnections();
        }),
      ]);
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cfg = loadConfig();
  const catcher = await startMailCatcher({ smtpPort: cfg.SMTP_PORT, httpPort: cfg.MAIL_CATCHER_HTTP_PORT });
  console.log(`Mail catcher: SMTP on smtp://127.0.0.1:${catcher.smtpPort}, web UI on http://127.0.0.1:${catcher.httpPort}/`);
  const stop = () => {
    catcher.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
