// Helpers for scripts/bench.ts: statistics and a bounded concurrency pool.

// --- statistics ----------------------------------------------------------------

/** Nearest-rank percentile of values sorted ascending (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Summary {
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(latenciesMs: readonly number[], elapsedMs: number): Summary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    perSecond: sorted.length / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

// --- bounded concurrency ---------------------------------------------------------

export class Deadline {
  constructor(readonly at: number, readonly what: string) {}
  check(doing: string): void {
    if (Date.now() > this.at) throw new Error(`${this.what}: time limit reached while ${doing}`);
  }
}

/**
 * Runs task(0..count-1) with at most `concurrency` in flight and returns each task's latency (ms)
 * and the wall time of the whole batch. The first failure stops the remaining tasks and is thrown.
 */
export async function runPool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
  deadline: Deadline,
): Promise<{ latencies: number[]; elapsedMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < count) {
      const i = next++;
      deadline.check(`running task ${i + 1} of ${count}`);
      const t = performance.now();
      try {
        await task(i);
      } catch (err) {
        failed = true;
        throw err;
      }
      latencies.push(performance.now() - t);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { latencies, elapsedMs: performance.now() - t0 };
}

/** Polls `done` every `intervalMs` until it is true or the deadline passes. */
export async function waitUntil(done: () => Promise<boolean>, deadline: Deadline, doing: string, intervalMs = 50) {
  while (!(await done())) {
    deadline.check(doing);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** A positive integer setting from the environment, e.g. BENCH_CASES (or from `raw`, a flag's value, named `name`). */
export function envInt(name: string, fallback: number, raw: string | undefined = process.env[name]): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Runs a benchmark, always tears down what it started, and exits non-zero when it failed. */
export async function runBench(main: () => Promise<void>, teardown: () => Promise<void>): Promise<never> {
  let exitCode = 0;
  try {
    await main();
  } catch (err) {
    console.error(`bench failed: ${(err as Error).stack ?? err}`);
    exitCode = 1;
  }
  await teardown();
  process.exit(exitCode);
}

/** What a benchmark started, stopped in reverse order, also on failure. */
export class Cleanups {
  private readonly stack: Array<[string, () => Promise<unknown>]> = [];

  push(entry: [string, () => Promise<unknown>]): void {
    this.stack.push(entry);
  }

  readonly teardown = async (): Promise<void> => {
    for (let c = this.stack.pop(); c; c = this.stack.pop()) {
      try {
        await c[1]();
      } catch (err) {
        console.error(`teardown of ${c[0]} failed: ${(err as Error).message}`);
      }
    }
  };
}

/**
 * Last resort, should an await hang past the time limit or something throw outside main: tear down
 * within 20 s (so no Temporal server is left behind) and exit 1.
 */
export function abortAfter(limitS: number, setting: string, teardown: () => Promise<void>): void {
  const abort = (message: string) => {
    console.error(`bench aborted: ${message}`);
    void Promise.race([teardown(), new Promise((r) => setTimeout(r, 20_000))]).finally(() => process.exit(1));
  };
  setTimeout(() => abort(`still running ${limitS + 15} s after start (${setting}=${limitS})`), (limitS + 15) * 1000).unref();
  process.once('uncaughtException', (err) => abort(`uncaught ${err.stack ?? err}`));
}
