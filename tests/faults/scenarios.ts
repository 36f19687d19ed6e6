// One fault during a burst of submissions and handler actions, and what it did: lost or unstarted
// cases, actions applied twice, 5xx answers, e-mail delivered twice, and how long until all settled.
import { sql } from 'kysely';
import { question } from '../../scripts/sample-cases.js';
import type { Cluster } from './cluster.js';
import { type Tally, newTally, sendIntent } from './load.js';

export type Fault = 'kill-worker' | 'kill-api' | 'kill-temporal' | 'cut-database';
export const FAULTS: Fault[] = ['kill-worker', 'kill-api', 'kill-temporal', 'cut-database'];

export interface ScenarioResult {
  scenario: Fault;
  submitted: number;
  accepted: number;
  cleanErrors: number;
  serverErrors: string[];
  lost: number;
  unstarted: number;
  duplicateActions: number;
  undelivered: number;
  duplicateEmails: number;
  /** Copies of one notification with different Message-IDs: must never happen. */
  strayEmails: number;
  /** Processes that died although nobody killed them. */
  crashed: string[];
  secondsToSettle: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long the fault lasts, and the one restart a supervisor would make. */
async function inject(cluster: Cluster, fault: Fault) {
  switch (fault) {
    case 'kill-worker':
      cluster.kill('worker');
      await sleep(3_000);
      await cluster.start('worker');
      return;
    case 'kill-api':
      cluster.kill('api');
      await sleep(1_000);
      await cluster.start('api');
      return;
    case 'kill-temporal':
      cluster.killTemporal();
      await sleep(5_000);
      await cluster.startTemporal();
      return;
    case 'cut-database':
      await cluster.cutDatabase();
      await sleep(10_000);
      await cluster.restoreDatabase();
      return;
  }
}

export async function runScenario(cluster: Cluster, fault: Fault, o: { cases: number; concurrency: number; settleLimitMs: number }): Promise<ScenarioResult> {
  const tally: Tally = newTally();
  const run = `${fault}-${Date.now()}`;
  const giveUpAt = Date.now() + 10 * 60_000;
  const accepted = new Map<string, number>(); // case number → the intent that submitted it
  const finished = new Set<number>(); // intents answered, or given up
  const crashesBefore = cluster.crashes.length;

  // One intent after another per lane: submit a case; every other case the handler takes and answers it.
  let next = 0;
  const lane = async () => {
    while (next < o.cases) {
      const i = next++;
      const submitted = await sendIntent(tally, `${cluster.baseUrl}/api/v1/cases`, {
        method: 'POST',
        token: cluster.customerToken,
        key: `submit-${run}-${i}`,
        body: { ...question(`f.${run}.${i}@exempel.se`), subject: `Fel ${run} ${i}` },
      }, giveUpAt);
      if (submitted && submitted.status < 300) {
        const caseNumber: string = submitted.json.caseNumber;
        accepted.set(caseNumber, i);
        if (i % 2 === 0) {
          const act = (action: string, body: unknown) =>
            sendIntent(tally, `${cluster.baseUrl}/api/v1/staff/cases/${caseNumber}/actions/${action}`, {
              method: 'POST',
              token: cluster.staffToken,
              key: `${action}-${run}-${i}`,
              body,
            }, giveUpAt);
          await act('take', {});
          await act('reply', { body: `Svar ${run} ${i}` });
        }
      }
      finished.add(i);
    }
  };
  const lanes = Array.from({ length: o.concurrency }, lane);
  // The fault strikes once a third of the burst is under way.
  while (next < o.cases / 3) await sleep(50);
  await inject(cluster, fault);
  const faultEnded = Date.now();
  // The cases the fault could touch: every intent begun before it ended. The rest came after.
  const struck = next;
  const struckSettled = (async () => {
    for (;;) {
      const cohort = [...accepted].filter(([, i]) => i < struck).map(([n]) => n);
      const allAnswered = Array.from({ length: struck }, (_, i) => i).every((i) => finished.has(i));
      if (allAnswered && (await unsettled(cluster, cohort)).length === 0) return Date.now();
      if (Date.now() - faultEnded > o.settleLimitMs) return Number.POSITIVE_INFINITY;
      await sleep(250);
    }
  })();
  await Promise.all(lanes);
  const secondsToSettle = ((await struckSettled) - faultEnded) / 1000;

  // Then every case, those after the fault included, must settle as well.
  const caseNumbers = [...accepted.keys()];
  while ((await unsettled(cluster, caseNumbers)).length > 0 && Date.now() - faultEnded < 2 * o.settleLimitMs) await sleep(500);
  const state = await caseStates(cluster, caseNumbers);
  const found = new Set(state.rows.map((r) => r.caseNumber));
  const events = caseNumbers.length
    ? await cluster.db
        .selectFrom('case_events as e')
        .innerJoin('cases as c', 'c.id', 'e.caseId')
        .select(['c.caseNumber', 'e.action', sql<number>`count(*)::int`.as('n')])
        .where('c.caseNumber', 'in', caseNumbers)
        .where('e.action', 'in', ['take', 'reply'])
        .groupBy(['c.caseNumber', 'e.action'])
        .execute()
    : [];
  const loggedIds = new Set(state.sent.map((s) => s.messageId).filter(Boolean));
  const ours = cluster.mails.filter((m) => m.to.includes(`.${run}.`));
  const copies = new Map<string, number>();
  for (const m of ours) copies.set(m.messageId, (copies.get(m.messageId) ?? 0) + 1);

  return {
    scenario: fault,
    submitted: o.cases,
    accepted: accepted.size,
    cleanErrors: [...tally.statuses].filter(([s]) => s === 0 || s === 503 || s === 202 || s === 429).reduce((n, [, c]) => n + c, 0),
    serverErrors: tally.serverErrors,
    lost: caseNumbers.filter((n) => !found.has(n)).length,
    unstarted: state.rows.filter((r) => r.workflowStartedAt === null).length,
    duplicateActions: events.filter((e) => e.n > 1).length,
    undelivered:
      caseNumbers.filter((n) => !state.sent.some((s) => s.caseNumber === n && s.status === 'sent')).length +
      state.sent.filter((s) => s.status !== 'sent' && s.status !== 'skipped').length,
    duplicateEmails: [...copies.values()].reduce((n, c) => n + c - 1, 0),
    strayEmails: ours.filter((m) => !loggedIds.has(m.messageId)).length,
    crashed: cluster.crashes.slice(crashesBefore),
    secondsToSettle,
  };
}

/** Each case's row and e-mail log. */
async function caseStates(cluster: Cluster, caseNumbers: string[]) {
  if (caseNumbers.length === 0) return { rows: [], sent: [] };
  const [rows, sent] = await Promise.all([
    cluster.db.selectFrom('cases').select(['caseNumber', 'workflowStartedAt']).where('caseNumber', 'in', caseNumbers).execute(),
    cluster.db
      .selectFrom('email_log as l')
      .innerJoin('cases as c', 'c.id', 'l.caseId')
      .select(['c.caseNumber', 'l.status', 'l.messageId'])
      .where('c.caseNumber', 'in', caseNumbers)
      .execute(),
  ]);
  return { rows, sent };
}

/**
 * Cases not settled yet: settled is in Postgres with its workflow started, its receipt sent, and no
 * e-mail still waiting (the calendar is always open here, so none has a reason to wait).
 */
async function unsettled(cluster: Cluster, caseNumbers: string[]): Promise<string[]> {
  const { rows, sent } = await caseStates(cluster, caseNumbers).catch(() => ({ rows: [], sent: [] }));
  const started = new Set(rows.filter((r) => r.workflowStartedAt !== null).map((r) => r.caseNumber));
  const delivered = new Set(sent.filter((l) => l.status === 'sent').map((l) => l.caseNumber));
  const waiting = new Set(sent.filter((l) => l.status !== 'sent' && l.status !== 'skipped').map((l) => l.caseNumber));
  return caseNumbers.filter((n) => !started.has(n) || !delivered.has(n) || waiting.has(n));
}
