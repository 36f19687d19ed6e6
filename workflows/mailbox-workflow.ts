// One workflow per recipient (a mailbox), alive while it holds something: the cases hand it what they
// queued while the office was closed, and at the opening it sends one digest listing each case and
// what happened in it. Completes once empty; the next hand-over starts it again (signalWithStart).
import {
  ActivityFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { businessCalendar } from './business-hours.js';
import { type DigestPart, type MailboxInput, emailRefusedSignal, holdForDigestSignal, mailboxQuery } from './mailbox-messages.js';

/** Well below Temporal's history limits, and a run that held a whole night's hand-overs stays small to replay. */
const CONTINUE_AS_NEW_AFTER_EVENTS = 2_000;

export async function mailboxWorkflow(input: MailboxInput): Promise<void> {
  const calendar = businessCalendar(input.calendar);
  const held: DigestPart[] = [...(input.held ?? [])];
  // On the mailbox's own queue, the rate-capped e-mail queue. Retried until the relay answers; a refusal is a result, not a failure.
  const { sendDigest } = proxyActivities<Activities>({
    startToCloseTimeout: '1 minute',
    heartbeatTimeout: '5 seconds',
    retry: { maximumInterval: '5 minutes' },
  });

  // A part handed over twice (the hand-over activity retried) is held once; the e-mail log's key
  // keeps one already sent from going again.
  setHandler(holdForDigestSignal, (part) => {
    if (!held.some((p) => p.key === part.key)) held.push(part);
  });
  setHandler(mailboxQuery, () => ({ parts: held.length, cases: new Set(held.map((p) => p.caseNumber)).size }));

  const historyFull = () =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.continueAsNewAfterEvents ?? CONTINUE_AS_NEW_AFTER_EVENTS);

  for (;;) {
    if (held.length === 0) {
      await condition(allHandlersFinished);
      if (held.length === 0) return; // nothing held: done until the next hand-over
    }
    if (historyFull()) {
      await condition(allHandlersFinished);
      return await continueAsNew<typeof mailboxWorkflow>({ ...input, held });
    }
    const now = new Date(Date.now());
    if (!calendar.isBusinessTime(now)) {
      // Everything handed over meanwhile leaves in the same digest.
      await sleep(Math.max(1, calendar.nextBusinessTime(now).getTime() - now.getTime()));
      continue;
    }
    const parts = held.splice(0);
    let refused: string[] = [];
    try {
      refused = (await sendDigest({ mailboxId: workflowInfo().workflowId, parts })).refused;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      refused = []; // never given up (no attempt limit); kept for a cancelled activity
    }
    // The refusal belongs on each case's timeline, as a case's own refused e-mail does.
    for (const part of parts.filter((p) => refused.includes(p.key))) {
      await getExternalWorkflowHandle(part.caseWorkflowId)
        .signal(emailRefusedSignal, { key: part.key })
        .catch(() => undefined); // a case no longer running: the e-mail log and the case's flag still tell the handler
    }
  }
}
