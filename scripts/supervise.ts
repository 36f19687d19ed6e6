// Keeps one child process running for npm start: a child that exits unexpectedly is started again
// after a growing pause; one that keeps crashing soon after its start is given up on, loudly.
import type { ChildProcess } from 'node:child_process';
import { stopProcess } from './processes.js';

export interface SuperviseOptions {
  /** How people read its name in the messages, e.g. "API:et". */
  name: string;
  start: () => ChildProcess;
  log: (msg: string) => void;
  /** Called once the child has crashed `maxFastCrashes` times in a row, each within `fastMs` of its start. */
  onGiveUp: () => void;
  maxFastCrashes?: number;
  fastMs?: number;
  /** Pause before the n:th restart in a row (n from 1). */
  backoffMs?: (n: number) => number;
}

const defaultBackoff = (n: number) => Math.min(30_000, 1_000 * 2 ** (n - 1));
const seconds = (ms: number) => `${(ms / 1000).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} s`;
const how = (code: number | null, signal: NodeJS.Signals | null) => (signal ? `signal ${signal}` : `kod ${code}`);

export function supervise(o: SuperviseOptions) {
  const maxFastCrashes = o.maxFastCrashes ?? 5;
  const fastMs = o.fastMs ?? 10_000;
  const backoff = o.backoffMs ?? defaultBackoff;
  let stopping = false;
  let child: ChildProcess;
  let restart: NodeJS.Timeout | undefined;
  let fastCrashes = 0;
  let restarts = 0;

  const run = () => {
    const startedAt = Date.now();
    child = o.start();
    child.on('error', (err) => o.log(`${o.name}: ${err.message}`)); // e.g. a failed kill; 'exit' still decides
    child.once('exit', (code, signal) => {
      if (stopping) return;
      // A child that ran a while had a real life: its crash does not count towards giving up.
      fastCrashes = Date.now() - startedAt < fastMs ? fastCrashes + 1 : 0;
      if (fastCrashes >= maxFastCrashes) {
        o.log(`${o.name} har avslutats oväntat ${fastCrashes} gånger i rad strax efter start (senast ${how(code, signal)}). Ger upp: läs felet ovan, rätta det och starta igen.`);
        o.onGiveUp();
        return;
      }
      const pause = backoff(Math.max(1, fastCrashes));
      o.log(`${o.name} avslutades oväntat (${how(code, signal)}). Startar om om ${seconds(pause)}.`);
      restart = setTimeout(() => {
        restarts++;
        run();
      }, pause);
    });
  };
  run();

  return {
    /** The running child (a new one after each restart). */
    current: () => child,
    restarts: () => restarts,
    /** Stops the child and every restart still pending. */
    async stop() {
      stopping = true;
      clearTimeout(restart);
      await stopProcess(child);
    },
  };
}
