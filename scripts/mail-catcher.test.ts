import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { renderCaseEmail } from '../activities/email/render.js';
import { classifySmtpError, createTransport, smtpErrorReason } from '../activities/email/transport.js';
import { startMailCatcher, type CaughtMail, type MailCatcher } from './mail-catcher.js';

const smtpCfg = (port: number, user?: string) => ({
  SMTP_HOST: '127.0.0.1',
  SMTP_PORT: port,
  SMTP_SECURE: false,
  SMTP_USER: user,
  SMTP_PASSWORD: user ? 'hemligt' : undefined,
});

describe('mail catcher', () => {
  let catcher: MailCatcher;
  let base: string;

  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0 });
    base = `http://127.0.0.1:${catcher.httpPort}`;
  });
  afterAll(async () => {
    await catcher?.close();
  });

  it('listens on real ports when asked for port 0', () => {
    expect(catcher.smtpPort).toBeGreaterThan(0);
    expect(catcher.httpPort).toBeGreaterThan(0);
    expect(catcher.smtpPort).not.toBe(catcher.httpPort);
  });

  it('catches a message sent over SMTP and shows it over HTTP', async () => {
    const subject = 'Ärende KP-1 har fått status Avslutat – åäö ÅÄÖ';
    const transport = createTransport(smtpCfg(catcher.smtpPort));
    const info = await transport.sendMail({
      from: 'Kundportal <noreply@kundportal.local>',
      to: 'Åsa Öberg <asa@example.se>',
      subject,
      text: 'Hej Åsa!\nDitt ärende är avslutat.',
      html: '<p>Hej Åsa!</p><script>alert("x")</script><a href="https://kundportal.example/a?b=1&amp;c=2">Visa ärendet</a>',
    });
    expect(info.accepted).toEqual(['asa@example.se']);

    const res = await fetch(`${base}/api/messages`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as CaughtMail[];
    expect(list).toHaveLength(1);
    const m = list[0]!;
    expect(m.subject).toBe(subject);
    expect(m.from).toContain('noreply@kundportal.local');
    expect(m.to).toContain('asa@example.se');
    expect(m.text).toContain('Ditt ärende är avslutat.');
    expect(m.html).toContain('<p>Hej Åsa!</p>');
    expect(new Date(m.date).getTime()).not.toBeNaN();
    expect(catcher.messages[0]?.id).toBe(m.id);

    const index = await fetch(`${base}/`);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'none'");
    const indexHtml = await index.text();
    expect(indexHtml).toContain('Fångad e-post');
    expect(indexHtml).toContain(subject);
    expect(indexHtml).toContain(`href="/messages/${m.id}"`);
    expect(indexHtml).toContain('&#60;asa@example.se&#62;');

    const detail = await fetch(`${base}/messages/${m.id}`);
    expect(detail.status).toBe(200);
    const detailHtml = await detail.text();
    const iframe = detailHtml.match(/<iframe[^>]*>/)?.[0] ?? '';
    expect(iframe).toMatch(/\ssandbox="[^"]*"/);
    expect(iframe).not.toContain('allow-scripts');
    expect(iframe).not.toContain('allow-same-origin');
    expect(iframe).toContain('srcdoc="&#60;p&#62;Hej Åsa!&#60;/p&#62;&#60;script&#62;');
    expect(detailHtml).not.toContain('<script>');
    expect(detailHtml).toContain('<pre>Hej Åsa!\nDitt ärende är avslutat.</pre>');
  });

  it('escapes message data on the list page and lists newest first', async () => {
    const transport = createTransport(smtpCfg(catcher.smtpPort));
    await transport.sendMail({
      from: 'a@example.se',
      to: 'b@example.se',
      subject: '<img src=x onerror=alert(1)> nyast',
      text: 'x',
    });
    const html = await (await fetch(`${base}/`)).text();
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62; nyast');
    expect(html.indexOf('nyast')).toBeLessThan(html.indexOf('åäö ÅÄÖ'));
  });

  it('accepts a client that authenticates', async () => {
    const transport = createTransport(smtpCfg(catcher.smtpPort, 'dev-user'));
    const info = await transport.sendMail({ from: 'a@example.se', to: 'c@example.se', subject: 'Med inloggning', text: 'x' });
    expect(info.accepted).toEqual(['c@example.se']);
    expect(catcher.messages[0]?.subject).toBe('Med inloggning');
  });

  it('delivers a rendered case e-mail intact', async () => {
    const mail = await renderCaseEmail({
      caseNumber: 'KP-2025-000042',
      caseTypeLabel: 'Förlorat kort',
      caseSubject: 'Kortet är borta',
      recipientName: 'Örjan Ågren',
      caseUrl: 'https://kundportal.example/arenden/KP-2025-000042',
      items: [{ kind: 'received' }],
    });
    await createTransport(smtpCfg(catcher.smtpPort)).sendMail({ from: 'noreply@kundportal.local', to: 'orjan@example.se', ...mail });
    const got = catcher.messages[0]!;
    expect(got.subject).toBe('Ditt ärende KP-2025-000042 är nu inskickat');
    expect(got.text.trim()).toBe(mail.text);
    expect(got.html).toContain('Hej Örjan Ågren!');
  });

  it('answers 404 for an unknown message', async () => {
    const res = await fetch(`${base}/messages/finns-inte`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Meddelandet finns inte');
  });

  it('clears all messages with DELETE /api/messages', async () => {
    const res = await fetch(`${base}/api/messages`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await (await fetch(`${base}/api/messages`)).json()).toEqual([]);
    expect(catcher.messages).toHaveLength(0);
    expect(await (await fetch(`${base}/`)).text()).toContain('Ingen e-post har fångats ännu.');
  });
});

describe('a mail catcher that refuses an address', () => {
  let catcher: MailCatcher;
  beforeAll(async () => {
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, refuse: ['Borta@Exempel.se'] });
  });
  afterAll(async () => {
    await catcher?.close();
  });
  const send = (to: string) => createTransport(smtpCfg(catcher.smtpPort)).sendMail({ from: 'a@example.se', to, subject: 'x', text: 'x' });

  it('answers 550 for it, in any letter case, which is permanent; others get through', async () => {
    const err = await send('borta@exempel.se').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
    expect(classifySmtpError(err)).toBe('permanent');
    expect(smtpErrorReason(err)).toBe('550 5.1.1 Mailbox unavailable');
    await send('kvar@exempel.se');
    expect(catcher.messages.map((m) => m.to)).toEqual(['kvar@exempel.se']);
  });

  it('takes the address back when the mailbox works again', async () => {
    catcher.refused.delete('borta@exempel.se');
    await send('borta@exempel.se');
    expect(catcher.messages[0]!.to).toBe('borta@exempel.se');
    expect(catcher.messages[0]!.messageId).toMatch(/^<.+@.+>$/);
  });
});

describe('classifySmtpError on real nodemailer errors', () => {
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 500,
      onRcptTo(address, _session, cb) {
        const code = Number(/^(\d{3})@/.exec(address.address)?.[1] ?? 250);
        if (code === 250) return cb();
        cb(Object.assign(new Error(`Rejected ${code}`), { responseCode: code }));
      },
      onData(stream, _session, cb) {
        stream.resume();
        stream.on('end', () => cb());
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server?.close(r));
  });

  const sendTo = async (to: string, p = port) => {
    try {
      await createTransport(smtpCfg(p)).sendMail({ from: 'a@example.se', to, subject: 'x', text: 'x' });
      return undefined;
    } catch (err) {
      return err;
    }
  };

  it('treats a 550 recipient rejection as permanent', async () => {
    const err = await sendTo('550@example.se');
    expect(err).toMatchObject({ code: 'EENVELOPE', responseCode: 550 });
    expect(classifySmtpError(err)).toBe('permanent');
  });

  it('treats a 451 recipient rejection (greylisting) as transient although its code is EENVELOPE', async () => {
    const err = await sendTo('451@example.se');
    expect(err).toMatchObject({ code: 'EENVELOPE', responseCode: 451 });
    expect(classifySmtpError(err)).toBe('transient');
  });

  it('treats an invalid envelope without a server reply as permanent', async () => {
    const err = await sendTo('');
    expect(err).toMatchObject({ code: 'EENVELOPE' });
    expect(classifySmtpError(err)).toBe('permanent');
  });

  it('treats a refused connection as transient', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const err = await sendTo('ok@example.se', closedPort);
    expect(err).toBeInstanceOf(Error);
    expect(classifySmtpError(err)).toBe('transient');
  });

  it('classifies plain values by code and reply', () => {
    expect(classifySmtpError({ responseCode: 554 })).toBe('permanent');
    expect(classifySmtpError({ responseCode: 503 })).toBe('transient');
    expect(classifySmtpError({ responseCode: 421, code: 'EPROTOCOL' })).toBe('transient');
    expect(classifySmtpError({ code: 'ETIMEDOUT' })).toBe('transient');
    expect(classifySmtpError(new Error('boom'))).toBe('transient');
    expect(classifySmtpError(undefined)).toBe('transient');
  });
});
