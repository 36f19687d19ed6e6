// How a failed send is treated: a refusal for good (5xx) is recorded and never retried; anything
// that may pass later (4xx, connection trouble) is retried. Real nodemailer errors are in
// scripts/mail-catcher.test.ts; these are the shapes nodemailer gives them.
import { describe, expect, it } from 'vitest';
import { classifySmtpError, smtpErrorReason } from './transport.js';

const envelope = (responseCode: number, response: string) =>
  Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), { code: 'EENVELOPE', responseCode, response, command: 'RCPT TO' });

describe('classifySmtpError', () => {
  it.each([
    ['550 mailbox unavailable', envelope(550, '550 5.1.1 Mailbox unavailable')],
    ['551 user not local', envelope(551, '551 User not local')],
    ['552 over quota at DATA', Object.assign(new Error('Message failed'), { code: 'EMESSAGE', responseCode: 552, response: '552 Too big' })],
    ['553 mailbox name not allowed', envelope(553, '553 5.1.3 Bad recipient address syntax')],
    ['554 transaction failed', { responseCode: 554 }],
    ['an invalid envelope without a reply', Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' })],
  ])('%s is permanent', (_, err) => expect(classifySmtpError(err)).toBe('permanent'));

  it.each([
    ['421 service not available', Object.assign(new Error('421'), { code: 'EPROTOCOL', responseCode: 421 })],
    ['450 mailbox busy', envelope(450, '450 4.2.1 Mailbox busy')],
    ['451 greylisted, although EENVELOPE', envelope(451, '451 4.7.1 Greylisted, try again')],
    ['452 insufficient storage', envelope(452, '452 4.3.1 Insufficient system storage')],
    ['503 bad sequence (a session error, not a refusal)', { responseCode: 503 }],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1025'), { code: 'ESOCKET' })],
    ['a connection timeout', Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })],
    ['a dropped connection', Object.assign(new Error('Connection closed'), { code: 'ECONNECTION' })],
    ['a plain error', new Error('boom')],
    ['no error object at all', undefined],
    ['a string', 'boom'],
  ])('%s is transient', (_, err) => expect(classifySmtpError(err)).toBe('transient'));
});

describe('smtpErrorReason', () => {
  it("is the relay's reply line when there is one", () => {
    expect(smtpErrorReason(envelope(550, '550 5.1.1 <asa@exempel.se>: Mailbox unavailable'))).toBe('550 5.1.1 <asa@exempel.se>: Mailbox unavailable');
  });

  it("is the error's message otherwise, on one line and at most 500 characters", () => {
    expect(smtpErrorReason(new Error('connect ECONNREFUSED\n  127.0.0.1:1025'))).toBe('connect ECONNREFUSED 127.0.0.1:1025');
    expect(smtpErrorReason({ response: `550 ${'x'.repeat(1000)}` })).toHaveLength(500);
    expect(smtpErrorReason('boom')).toBe('boom');
    expect(smtpErrorReason({ response: '  ', message: 'Fallback' })).toBe('Fallback');
  });
});
