// npm start's supervision: a crashed child is started again after a pause, a child that keeps
// crashing at start is given up on, and stop() ends the child and any restart still pending.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { supervise } from './supervise.js';

const node = (code: string) => () => spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
const until = async (ok: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('supervise', () => {
  it('restarts a child that exits unexpectedly, saying so in Swedish', async () => {
    const messages: string[] = [];
    let starts = 0;
    const s = supervise({
      name: 'API:et',
      // The first run crashes; the second one stays up.
      start: () => (++starts === 1 ? node('process.exit(3)') : node('setInterval(() => {}, 1000)'))(),
      log: (m) => messages.push(m),
      onGiveUp: () => messages.push('gave up'),
      backoffMs: () => 50,
    });
    await until(() => s.restarts() === 1);
    expect(messages).toEqual(['API:et avslutades oväntat (kod 3). Startar om om 0,1 s.']);
    const second = s.current();
    await s.stop();
    expect(second.signalCode).toBe('SIGTERM');
    expect(starts).toBe(2);
  });

  it('restarts after kill -9 too, with a growing pause', async () => {
    const pauses: number[] = [];
    const s = supervise({
      name: 'Arbetsprocessen (worker)',
      start: node('setInterval(() => {}, 1000)'),
      log: () => {},
      onGiveUp: () => {},
      backoffMs: (n) => (pauses.push(n), 10 * n),
    });
    for (let i = 1; i <= 2; i++) {
      const child = s.current();
      await until(() => child.pid !== undefined);
      child.kill('SIGKILL');
      await until(() => s.restarts() === i);
    }
    expect(pauses).toEqual([1, 2]); // each crash soon after its start counts on
    await s.stop();
  });

  it('gives up after several fast crashes in a row', async () => {
    const messages: string[] = [];
    let gaveUp = 0;
    const s = supervise({
      name: 'API:et',
      start: node('process.exit(1)'),
      log: (m) => messages.push(m),
      onGiveUp: () => gaveUp++,
      maxFastCrashes: 3,
      backoffMs: () => 10,
    });
    await until(() => gaveUp === 1);
    expect(s.restarts()).toBe(2);
    expect(messages.at(-1)).toBe('API:et har avslutats oväntat 3 gånger i rad strax efter start (senast kod 1). Ger upp: läs felet ovan, rätta det och starta igen.');
    await new Promise((r) => setTimeout(r, 100));
    expect(s.restarts()).toBe(2); // nothing more after giving up
    await s.stop();
  });

  it('counts afresh after a child that ran longer than the fast window', async () => {
    let gaveUp = false;
    let starts = 0;
    const s = supervise({
      name: 'API:et',
      // Every other run lives past the 300 ms window before it crashes.
      start: () => node(++starts % 2 === 0 ? 'setTimeout(() => process.exit(1), 400)' : 'process.exit(1)')(),
      log: () => {},
      onGiveUp: () => (gaveUp = true),
      maxFastCrashes: 2,
      fastMs: 300,
      backoffMs: () => 10,
    });
    await until(() => starts >= 6);
    expect(gaveUp).toBe(false);
    await s.stop();
  });

  it('stop() cancels a restart that is still waiting', async () => {
    const s = supervise({ name: 'API:et', start: node('process.exit(1)'), log: () => {}, onGiveUp: () => {}, backoffMs: () => 200 });
    const first = s.current();
    await until(() => first.exitCode !== null);
    await s.stop();
    await new Promise((r) => setTimeout(r, 300));
    expect(s.restarts()).toBe(0);
  });
});
