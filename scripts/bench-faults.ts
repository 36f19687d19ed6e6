// npm run bench:faults: the fault-injection suite of tests/faults at 1,000 cases per scenario (BENCH_FAULT_CASES),
// printed as a table. Exits non-zero when any scenario lost, left unstarted or doubled anything, or answered 5xx.
import { startCluster } from '../tests/faults/cluster.js';
import { FAULTS, type ScenarioResult, runScenario } from '../tests/faults/scenarios.js';
import { envInt, runBench } from './bench-lib.js';

const cases = envInt('BENCH_FAULT_CASES', 1000);
const concurrency = envInt('BENCH_FAULT_CONCURRENCY', 16);
const cluster = await startCluster('bench');

const COLUMNS: Array<[string, (r: ScenarioResult) => string | number]> = [
  ['scenario', (r) => r.scenario],
  ['submitted', (r) => r.submitted],
  ['201', (r) => r.accepted],
  ['clean errors', (r) => r.cleanErrors],
  ['5xx', (r) => r.serverErrors.length],
  ['lost', (r) => r.lost],
  ['unstarted', (r) => r.unstarted],
  ['dup. actions', (r) => r.duplicateActions],
  ['undelivered', (r) => r.undelivered],
  ['dup. e-mails', (r) => r.duplicateEmails],
  ['stray e-mails', (r) => r.strayEmails],
  ['crashed', (r) => r.crashed.length],
  ['s to settle', (r) => r.secondsToSettle.toFixed(1)],
];

await runBench(
  async () => {
    console.log(`bench:faults: ${cases} cases per scenario, ${concurrency} clients, every other case taken and answered by a handler`);
    const results: ScenarioResult[] = [];
    for (const fault of FAULTS) {
      const r = await runScenario(cluster, fault, { cases, concurrency, settleLimitMs: 120_000 });
      results.push(r);
      console.log(`  ${fault} done: ${JSON.stringify({ serverErrors: r.serverErrors.slice(0, 3), crashed: r.crashed })}`);
    }
    const widths = COLUMNS.map(([h, f]) => Math.max(h.length, ...results.map((r) => String(f(r)).length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    console.log(line(COLUMNS.map(([h]) => h)));
    for (const r of results) console.log(line(COLUMNS.map(([, f]) => String(f(r)))));
    const bad = results.filter((r) => r.lost || r.unstarted || r.duplicateActions || r.undelivered || r.strayEmails || r.serverErrors.length || r.crashed.length || r.secondsToSettle >= 30);
    if (bad.length) throw new Error(`faults not survived cleanly: ${bad.map((r) => r.scenario).join(', ')}`);
  },
  () => cluster.stop(),
);
