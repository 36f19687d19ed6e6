// Helpers for scripts/bench.ts: statistics, a bounded concurrency pool, throwaway databases and case fixtures.
import { type ChildProcess, spawn } from 'node:child_process';
import pg from 'pg';

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

// --- throwaway database ------------------------------------------------------------

async function admin(serverUrl: string, sql: string) {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named `name` on the server of `serverUrl` and returns its URL. */
export async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  await admin(serverUrl, `drop database if exists ${name} with (force)`);
  await admin(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Drops the database. Plain DROP first: Postgres waits up to 5 s for the backends of a just-ended pool
 * to go (pg's pool.end() resolves before its sockets close, and forcing them out then makes the closing
 * clients emit an unhandled 'error'). WITH (FORCE) only when something still holds on.
 */
export async function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  try {
    await admin(url, `drop database if exists ${name}`);
  } catch {
    await admin(url, `drop database if exists ${name} with (force)`);
  }
}

// --- case fixtures -------------------------------------------------------------------

export const ORGANISATIONSNUMMER = '556016-0680';
const PICKUP_OFFICE = 'Stockholm – Kortkontoret City';

/** A valid 12-digit personnummer born on yyyymmdd with the given 3-digit serial (Luhn check digit). */
export function personnummer(yyyymmdd: string, serial: number): string {
  const nine = yyyymmdd.slice(2) + String(serial).padStart(3, '0');
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${yyyymmdd}${String(serial).padStart(3, '0')}${(10 - (sum % 10)) % 10}`;
}

function contact(email: string) {
  return {
    organisationName: 'Region Exempel',
    organisationsnummer: ORGANISATIONSNUMMER,
    unitName: 'Vårdcentralen Åby',
    personnummer: personnummer('19850709', 980),
    name: 'Åsa Öberg',
    email,
    notifyByEmail: true,
  };
}

export function question(email: string) {
  return {
    type: 'question',
    contact: contact(email),
    subject: 'Fråga om inloggning',
    description: 'Hur loggar vi in med SITHS eID på mobilen?',
    service: 'SITHS',
  };
}

export function sithsOrder(email: string, rows = 3) {
  return {
    type: 'siths_order',
    contact: contact(email),
    rows: Array.from({ length: rows }, (_, i) => ({
      name: `Person Ärlig ${i + 1}`,
      personnummer: personnummer('19900101', 100 + i),
      email: `person${i + 1}@exempel.se`,
      ...(i % 2 === 0 ? { pickupOffice: PICKUP_OFFICE } : { ownCardOffice: true }),
    })),
  };
}

/** Starts `node --import tsx file` and resolves once its output contains `ready`. */
export function startProcess(file: string, env: NodeJS.ProcessEnv, ready: string, timeoutMs = 60_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not ready after ${timeoutMs} ms`)), timeoutMs);
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (seen.includes(ready)) return;
      seen += chunk.toString();
      if (seen.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with code ${code}`));
    });
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
