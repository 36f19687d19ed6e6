// Runs `temporal server start-dev` with the project's search attributes, for `npm start` and the tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
import { stopProcess } from './processes.js';
import { CASE_SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';

export interface DevServerOptions {
  cli: string;
  port?: number;
  uiPort?: number; // omitted: headless
  dbFilename?: string; // omitted: in memory
  namespace?: string;
  codecEndpoint?: string;
}

export interface DevServer {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const SA_TYPES = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

export async function startDevServer(o: DevServerOptions): Promise<DevServer> {
  const port = o.port ?? (await freePort());
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--log-level', 'error'];
  args.push(...(o.uiPort ? ['--ui-port', String(o.uiPort)] : ['--headless']));
  if (o.dbFilename) args.push('--db-filename', o.dbFilename, '--sqlite-pragma', 'journal_mode=WAL');
  if (o.namespace && o.namespace !== 'default') args.push('--namespace', o.namespace);
  if (o.codecEndpoint) args.push('--ui-codec-endpoint', o.codecEndpoint);
  for (const sa of CASE_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${sa.name}=${SA_TYPES[sa.type]}`);

  const child = spawn(o.cli, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`temporal server start-dev exited with code ${code}`))),
  );
  const address = `127.0.0.1:${port}`;
  await Promise.race([waitForServer(address), exited]);
  exited.catch(() => {}); // exits later on stop()

  return {
    address,
    process: child,
    stop: () => stopProcess(child),
  };
}

async function waitForServer(address: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`Temporal at ${address} did not come up: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
