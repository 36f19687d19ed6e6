// One durable workflow per case: the authority on transitions while the case is open.
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import { CASE_ACTIONS, type CaseAction, EMAIL_FAILED_EVENT, checkTransition } from '../domain/statuses.js';
import { BUSINESS_DAY_MINUTES, type ServiceLevelClocks, warningKey } from '../domain/service-levels.js';
import type { Activities } from '../activities/index.js';
import type { TransitionRecord } from '../activities/record-transition.js';
import { businessCalendar } from './business-hours.js';
import {
  type ActionCommand,
  type CarriedState,
  type CaseView,
  type CaseWorkflowInput,
  EMAIL_REFUSED,
  type EmailItemRef,
  caseStateQuery,
  caseUpdates,
  serviceLevelTargetsSignal,
  serviceLevelsQuery,
} from './messages.js';
import {
  CaseAssigneeSA,
  CaseFirstResponseDueAtSA,
  CaseResolutionDueAtSA,
  CaseSlaStateSA,
  CaseStatusSA,
} from './search-attributes.js';
import { emailRefusedSignal, emailTaskQueue } from './mailbox-messages.js';
import { clocksAfter, clocksFromTimeline, nextDueAt, nextWarning, retarget, slaState } from './service-level-clocks.js';
import { customerStepRecord, nextCustomerStep, waitAfter } from './customer-reminders.js';

// Activities heartbeat every second: a worker killed mid-attempt is noticed within the heartbeat
// timeout and the attempt retried elsewhere, so an Update or an e-mail waits seconds, not minutes.
const HEARTBEAT_TIMEOUT = '5 seconds';
/** Only for histories recorded before RECORD_TRANSITION_LOCALLY: they replay the activity task they scheduled. */
const { recordTransition: recordTransitionTask } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  // Postgres must converge: retry until it does, and soon after it is back (an Update is waiting).
  retry: { maximumInterval: '10 seconds' },
});
// The transition runs as a local activity, in the worker that runs the workflow task: no round trips
// through the server's task queue. Postgres must still converge: attempts never run out (no maximum,
// no schedule-to-close). Retries up to 4 s apart run inside the workflow task (which the SDK keeps
// alive past its timeout); longer backoffs, reached after about 8 s of failures, become a durable
// timer, so an outage holds no workflow task open and a worker restart loses nothing. A worker that
// dies mid-attempt is noticed by the workflow task timeout (10 s) instead of a heartbeat, and the
// next worker runs the transition again; the version guard in recordTransition makes that a no-op.
const { recordTransition: recordTransitionLocally } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '5 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds' },
});
// The clocks' reads and writes go the same way as a transition: local, retried until Postgres answers.
const { loadServiceLevels, recordServiceLevels } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  localRetryThreshold: '5 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds' },
});
/**
 * Cases measured in business time: clocks in state, written to Postgres with each transition, shown
 * as search attributes. Runs from before it replay without; they start measuring at their next action
 * or target change.
 */
const SERVICE_LEVEL_CLOCKS = 'service-level-clocks';
/**
 * Warnings at 80 % of a target and at its breach, raised on durable timers only while the office is
 * open. Runs from before it replay without; a measured case starts planning them when its main loop
 * next wakes (an action, an e-mail).
 */
const SERVICE_LEVEL_WARNINGS = 'service-level-warnings';
/**
 * A case waiting for the customer reminds them, and later closes as the system (workflows/customer-reminders.ts).
 * Runs from before it replay without; a case already waiting counts its days from when it first meets this code.
 */
const CUSTOMER_REMINDERS = 'customer-reminders';
// Sends e-mail: an activity task. It gives up after some minutes rather than hold back the customer's
// e-mails behind it; the back office still has the case in Försenade.
const { raiseServiceLevelWarning } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { maximumInterval: '1 minute', maximumAttempts: 10 },
});
/** Cases started or acting before this patch replay their recordTransition activity tasks. */
const RECORD_TRANSITION_LOCALLY = 'record-transition-local-activity';
const recordTransition = (t: TransitionRecord) =>
  patched(RECORD_TRANSITION_LOCALLY) ? recordTransitionLocally(t) : recordTransitionTask(t);
/** A write refused for good: an activity task fails with an ActivityFailure, a local activity with its own failure. */
const isTransitionFailure = (err: unknown) => err instanceof ActivityFailure || err instanceof ApplicationFailure;
const { sendCaseEmail } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: HEARTBEAT_TIMEOUT,
  retry: { maximumInterval: '5 minutes', nonRetryableErrorTypes: [EMAIL_REFUSED] },
});

/** Histories recorded before this patch failed the workflow on a refused e-mail; they replay so. */
const EMAIL_REFUSAL_RECORDED = 'email-refusal-recorded';

/**
 * While the office is closed a case hands what it queued to its recipient's mailbox (workflows/mailbox-workflow.ts),
 * which sends one digest across the recipient's cases at the opening; e-mail is sent on the rate-capped e-mail queue.
 * Runs from before it replay their own timer and their send on the case queue.
 */
const RECIPIENT_DIGESTS = 'recipient-digests';
// Signals the mailbox (signalWithStart); a short task on the case queue, retried until Temporal answers.
const { holdForDigest } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumInterval: '1 minute' },
});

const isEmailRefused = (err: unknown) =>
  err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === EMAIL_REFUSED;

const THIRTY_DAYS_MS = 30 * 24 * 3600 * 1000;
const REMEMBERED_REQUESTS = 200;
const NEEDS_BODY: CaseAction[] = ['reply', 'note', 'request_info', 'customer_message'];

export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  const calendar = businessCalendar(input.calendar);
  const state: CarriedState = input.carried ?? {
    status: input.status,
    version: input.version,
    assigneeId: input.assigneeId,
    pendingEmails: input.isNew ? [{ kind: 'received', version: input.version }] : [],
    recentRequestIds: [],
  };
  const mutex = new Mutex();

  const view = (): CaseView => ({
    caseNumber: input.caseNumber,
    status: state.status,
    version: state.version,
    assigneeId: state.assigneeId,
    pendingEmails: state.pendingEmails.length,
  });

  const refuse = (reason: string) => ApplicationFailure.nonRetryable(reason, 'CaseActionRefused');

  /** Due times and state for Temporal UI; no due time (paused, stopped) removes the attribute. */
  const clockAttributes = (c: ServiceLevelClocks) => [
    { key: CaseFirstResponseDueAtSA, value: c.firstResponse.dueAt === null ? null : new Date(c.firstResponse.dueAt) },
    { key: CaseResolutionDueAtSA, value: c.resolution.dueAt === null ? null : new Date(c.resolution.dueAt) },
    { key: CaseSlaStateSA, value: slaState(c, new Date(Date.now()), calendar) },
  ];

  /** Clocks changed outside a transition: written under the next seq, then held and shown. */
  const saveClocks = async (clocks: ServiceLevelClocks) => {
    const next = { ...clocks, seq: clocks.seq + 1 };
    await recordServiceLevels({ caseId: input.caseId, clocks: next, nextDueAt: nextDueAt(next) });
    state.serviceLevels = next;
    upsertSearchAttributes(clockAttributes(next));
  };

  /**
   * Starts measuring (under the lock): the clocks a reopened case's earlier run left, or rebuilt from the
   * timeline (a new case's is its submission), against the type's current targets. A failure for good
   * leaves the case unmeasured; its next action tries again.
   */
  const measure = async () => {
    try {
      const start = await loadServiceLevels({ caseId: input.caseId, caseType: input.caseType });
      // Histories from before the warnings recorded no `raised`.
      state.raisedWarnings = [...new Set([...(state.raisedWarnings ?? []), ...(start.raised ?? [])])];
      const base = start.stored ?? clocksFromTimeline(start.timeline, start.targets, calendar);
      await saveClocks(base.targets.revision < start.targets.revision ? retarget(base, start.targets, calendar) : base);
    } catch (err) {
      if (!isTransitionFailure(err)) throw err;
    }
  };

  /** Synchronous check shared by the validator and the handler (which re-checks under the lock). */
  const check = (action: CaseAction, cmd: ActionCommand) => {
    if (NEEDS_BODY.includes(action) && !cmd.body?.trim()) throw refuse('Meddelandet får inte vara tomt.');
    if (action === 'close' && !cmd.resolution?.trim()) throw refuse('Ange en lösning för att avsluta ärendet.');
    if (action === 'assign' && !cmd.assigneeId) throw refuse('Ange vem ärendet ska tilldelas.');
    const transition = checkTransition(state.status, action);
    if (!transition.ok) throw refuse(transition.reason);
    return transition.next;
  };

  const apply = async (action: CaseAction, cmd: ActionCommand): Promise<CaseView> => {
    if (state.recentRequestIds.includes(cmd.requestId)) return view();
    const next = check(action, cmd);
    if (!state.serviceLevels && patched(SERVICE_LEVEL_CLOCKS)) await measure();
    const from = state.status;
    const version = state.version + 1;
    const measured = state.serviceLevels;
    const clocks = measured && {
      ...clocksAfter(measured, { action, actorType: cmd.actor.type, toStatus: next, at: new Date(Date.now()).toISOString() }, calendar),
      seq: measured.seq + 1,
    };
    const assigneeId = action === 'take' ? cmd.actor.id : action === 'assign' ? (cmd.assigneeId ?? null) : state.assigneeId;

    const notify: EmailItemRef[] = [];
    if (action === 'reply') notify.push({ kind: 'message', version });
    if (action === 'request_info') notify.push({ kind: 'info_request', version });
    if (from !== next) notify.push({ kind: 'status', version, from, to: next });

    // State changes only once Postgres has the transition; a write refused for good refuses the action.
    try {
      await recordTransition({
        caseId: input.caseId,
        caseNumber: input.caseNumber,
        version,
        action,
        actor: cmd.actor,
        fromStatus: from,
        toStatus: next,
        assigneeId,
        body: cmd.body,
        resolution: cmd.resolution,
        notify,
        ...(clocks ? { serviceLevels: { clocks, nextDueAt: nextDueAt(clocks) } } : {}),
      });
    } catch (err) {
      if (isTransitionFailure(err)) throw refuse('Åtgärden kunde inte sparas. Kontrollera uppgifterna och försök igen.');
      throw err;
    }
    state.version = version;
    state.status = next;
    state.assigneeId = assigneeId;
    if (clocks) state.serviceLevels = clocks;
    if (patched(CUSTOMER_REMINDERS)) state.customerWait = waitAfter(state.customerWait, { action, from, to: next, at: new Date(Date.now()).toISOString() });
    upsertSearchAttributes([
      { key: CaseStatusSA, value: state.status },
      { key: CaseAssigneeSA, value: state.assigneeId === null ? null : String(state.assigneeId) },
      ...(clocks ? clockAttributes(clocks) : []),
    ]);
    state.pendingEmails.push(...notify);
    state.recentRequestIds = [...state.recentRequestIds, cmd.requestId].slice(-REMEMBERED_REQUESTS);
    return view();
  };

  /** A refused e-mail becomes a timeline event (under the lock: it takes the next version like an action). */
  const recordEmailRefused = async (emailKey: string) => {
    const version = state.version + 1;
    try {
      await recordTransition({
        caseId: input.caseId,
        caseNumber: input.caseNumber,
        version,
        action: EMAIL_FAILED_EVENT,
        actor: { type: 'system', id: null },
        fromStatus: state.status,
        toStatus: state.status,
        assigneeId: state.assigneeId,
        notify: [],
        emailKey,
      });
    } catch (err) {
      if (isTransitionFailure(err)) return; // the e-mail log and the case's flag still tell the handler
      throw err;
    }
    state.version = version;
  };

  // A digest the relay refused, reported by the recipient's mailbox: recorded as the case's own refusal is.
  setHandler(emailRefusedSignal, ({ key }) => mutex.runExclusive(() => recordEmailRefused(key)));
  // Behind RECIPIENT_DIGESTS: the case's e-mail on the e-mail queue, whose worker caps the rate toward the relay.
  const { sendCaseEmail: sendCaseEmailCapped } = proxyActivities<Activities>({
    taskQueue: emailTaskQueue(workflowInfo().taskQueue),
    startToCloseTimeout: '1 minute',
    heartbeatTimeout: HEARTBEAT_TIMEOUT,
    retry: { maximumInterval: '5 minutes', nonRetryableErrorTypes: [EMAIL_REFUSED] },
  });

  // A new run measures at once, taking the lock before any Update delivered with its start.
  if (!state.serviceLevels && patched(SERVICE_LEVEL_CLOCKS)) void mutex.runExclusive(measure);

  for (const action of CASE_ACTIONS) {
    setHandler(caseUpdates[action], (cmd) => mutex.runExclusive(() => apply(action, cmd)), {
      validator: (cmd: ActionCommand): void => {
        if (!state.recentRequestIds.includes(cmd.requestId)) check(action, cmd);
      },
    });
  }
  setHandler(caseStateQuery, view);
  setHandler(serviceLevelsQuery, () => state.serviceLevels ?? null);
  // Sent by the worker's rollout to every open case of a type whose targets changed.
  setHandler(serviceLevelTargetsSignal, (targets) =>
    mutex.runExclusive(async () => {
      if (!state.serviceLevels) {
        if (patched(SERVICE_LEVEL_CLOCKS)) await measure(); // reads the newest targets itself
      } else if (targets.revision > state.serviceLevels.targets.revision) {
        // Refused for good: the case keeps its targets; the rollout finds it behind and signals again.
        await saveClocks(retarget(state.serviceLevels, targets, calendar)).catch((err: unknown) => {
          if (!isTransitionFailure(err)) throw err;
        });
      }
    }),
  );

  const shouldContinueAsNew = () =>
    workflowInfo().continueAsNewSuggested ||
    (input.continueAsNewAfterEvents !== undefined && workflowInfo().historyLength > input.continueAsNewAfterEvents);

  /**
   * The warning now due, raised under the lock (an action may have paused the clock meanwhile). Only
   * while the office is open; otherwise the loop plans it again, for the opening.
   */
  const raiseDueWarning = async () => {
    const clocks = state.serviceLevels;
    const now = new Date(Date.now());
    if (!clocks || !calendar.isBusinessTime(now)) return;
    const due = nextWarning(clocks, state.raisedWarnings ?? [], now, calendar);
    if (!due || due.at > now.getTime()) return;
    const raised = [warningKey(due.clock, due.threshold), ...(due.threshold === 'breach' ? [warningKey(due.clock, 'warning')] : [])];
    try {
      await raiseServiceLevelWarning({
        caseId: input.caseId,
        caseNumber: input.caseNumber,
        clock: due.clock,
        threshold: due.threshold,
        targetMinutes: due.clock === 'firstResponse' ? clocks.targets.firstResponseMinutes : clocks.targets.resolutionMinutes,
        assigneeId: state.assigneeId,
      });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err; // given up: never raised twice, so not at all
    }
    state.raisedWarnings = [...new Set([...(state.raisedWarnings ?? []), ...raised])];
    upsertSearchAttributes([{ key: CaseSlaStateSA, value: slaState(clocks, now, calendar) }]);
  };

  const dayMinutes = input.businessDayMinutes ?? BUSINESS_DAY_MINUTES;
  /** The customer's reminder or the automatic close now due (under the lock), written as the system's event. */
  const takeCustomerStep = async () => {
    const [wait, measured, now] = [state.customerWait, state.serviceLevels, new Date(Date.now())];
    const step = measured && nextCustomerStep(wait, measured.targets, dayMinutes, calendar, now);
    if (!wait || !step || step.at > now.getTime() || !calendar.isBusinessTime(now) || state.status !== 'awaiting_customer') return;
    const version = state.version + 1;
    const record = customerStepRecord(step, wait, measured.targets, version, dayMinutes, calendar);
    const clocks = { ...clocksAfter(measured, { action: step.event, actorType: 'system', toStatus: record.toStatus, at: now.toISOString() }, calendar), seq: measured.seq + 1 };
    const { caseId, caseNumber } = input;
    const [fromStatus, assigneeId] = [state.status, state.assigneeId];
    try {
      const serviceLevels = { clocks, nextDueAt: nextDueAt(clocks) };
      await recordTransition({ caseId, caseNumber, version, action: step.event, actor: { type: 'system', id: null }, fromStatus, assigneeId, serviceLevels, ...record });
    } catch (err) {
      if (!isTransitionFailure(err)) throw err;
      state.customerWait = undefined; // refused for good: this wait asks nothing more of the customer
      return;
    }
    [state.version, state.status, state.serviceLevels] = [version, record.toStatus, clocks];
    state.customerWait = record.toStatus === 'closed' ? undefined : { ...wait, reminded: true };
    upsertSearchAttributes([{ key: CaseStatusSA, value: state.status }, ...clockAttributes(clocks)]);
    state.pendingEmails.push(...record.notify);
  };

  /** Work for the loop below: e-mail to send, a closed case, a history to start over. */
  const loopWork = () => state.pendingEmails.length > 0 || state.status === 'closed' || shouldContinueAsNew();

  for (;;) {
    if (state.serviceLevels && !loopWork() && patched(SERVICE_LEVEL_WARNINGS)) {
      // Wait for work, a change of the clocks, or the next warning (at the first open minute from its time).
      const seen = state.serviceLevels.seq;
      const woken = () => loopWork() || state.serviceLevels?.seq !== seen;
      const due = nextWarning(state.serviceLevels, state.raisedWarnings ?? [], new Date(Date.now()), calendar);
      // Cases waiting for the customer when this code first meets them count their days from now.
      if (patched(CUSTOMER_REMINDERS) && state.status === 'awaiting_customer') state.customerWait ??= { since: new Date(Date.now()).toISOString(), reminded: false };
      const step = nextCustomerStep(state.customerWait, state.serviceLevels.targets, dayMinutes, calendar, new Date(Date.now()));
      const dueAt = Math.min(due?.at ?? Infinity, step?.at ?? Infinity);
      if (dueAt === Infinity) await condition(woken);
      else {
        const fireAt = calendar.nextBusinessTime(new Date(Math.max(dueAt, Date.now()))).getTime();
        if (!(await condition(woken, Math.max(1, fireAt - Date.now())))) {
          await mutex.runExclusive(async () => {
            await raiseDueWarning();
            await takeCustomerStep();
          });
          continue;
        }
      }
      if (!loopWork()) continue; // the clocks changed: plan again
    } else {
      await condition(loopWork);
    }

    if (state.pendingEmails.length > 0) {
      const now = new Date(Date.now());
      const emailKey = (items: EmailItemRef[]) =>
        // Versions grow across runs (a reopened case starts a new run from Postgres), so the key never repeats.
        `${input.caseNumber}:email:${items[0]!.version}-${items.at(-1)!.version}`;
      if (!calendar.isBusinessTime(now)) {
        if (patched(RECIPIENT_DIGESTS)) {
          // Held by the recipient's mailbox, with what their other cases queue, until the opening.
          const items = state.pendingEmails.splice(0);
          await holdForDigest({ caseId: input.caseId, caseNumber: input.caseNumber, key: emailKey(items), items, calendar: input.calendar });
          continue;
        }
        // Held on a durable timer; anything queued meanwhile leaves in the same e-mail.
        await sleep(Math.max(1, calendar.nextBusinessTime(now).getTime() - now.getTime()));
        continue;
      }
      const items = state.pendingEmails.splice(0);
      const key = emailKey(items);
      try {
        await (patched(RECIPIENT_DIGESTS) ? sendCaseEmailCapped : sendCaseEmail)({ caseId: input.caseId, caseNumber: input.caseNumber, key, items });
      } catch (err) {
        // A refusal is the customer's address, not the case: record it and go on with later notifications.
        if (!isEmailRefused(err) || !patched(EMAIL_REFUSAL_RECORDED)) throw err;
        await mutex.runExclusive(() => recordEmailRefused(key));
      }
      continue;
    }

    if (shouldContinueAsNew()) {
      await mutex.waitForUnlock();
      await condition(allHandlersFinished);
      return await continueAsNew<typeof caseWorkflow>({ ...input, isNew: false, carried: state });
    }

    // Closed and nothing to send: stay reachable for a reopen for a while, then complete.
    const woke = await condition(
      () => state.status !== 'closed' || state.pendingEmails.length > 0 || shouldContinueAsNew(),
      input.closedRetentionMs ?? THIRTY_DAYS_MS,
    );
    if (!woke) {
      await condition(allHandlersFinished);
      if (state.status === 'closed' && state.pendingEmails.length === 0) return view();
    }
  }
}
