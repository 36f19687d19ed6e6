import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig, loadServiceConfig } from './index.js';

afterEach(() => vi.restoreAllMocks());

describe('loadServiceConfig', () => {
  it('returns the configuration of a development run', () => {
    expect(loadServiceConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
  });

  it('prints the refusal and exits 1 in production with development secrets', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`exit ${code}`);
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => loadServiceConfig({ NODE_ENV: 'production' })).toThrow('exit 1');
    expect(exit).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    expect(error.mock.calls[0]![0]).toMatch(/^Kundportal startar inte: NODE_ENV=production/);
  });

  // The entry points check before they connect to anything: no Postgres or Temporal is needed here.
  it.each(['api/main.ts', 'worker/main.ts'])('%s refuses to start with one clear message', (file) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], {
      env: { PATH: process.env.PATH, PUBLIC_URL: 'https://kundportal.example.se', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')[0]).toMatch(/^Kundportal startar inte: PUBLIC_URL är https/);
    expect(run.stderr).toMatch(/^  PNR_ENCRYPTION_KEY /m);
    expect(run.stderr).not.toContain('    at '); // a message, not a stack trace
  });
});

describe('WORKER_QUEUES', () => {
  it('serves both queues in one process unless told otherwise', () => {
    expect(loadConfig({}).WORKER_QUEUES).toBe('all');
    expect(loadConfig({ WORKER_QUEUES: 'cases' }).WORKER_QUEUES).toBe('cases');
    expect(loadConfig({ WORKER_QUEUES: 'email' }).WORKER_QUEUES).toBe('email');
  });

  it('refuses a queue it does not know', () => {
    expect(() => loadConfig({ WORKER_QUEUES: 'digests' })).toThrow();
  });
});
