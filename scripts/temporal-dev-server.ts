// Runs `temporal server start-dev` with the project's search attributes, for `npm start` and the tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Connection } from '@temporalio/client';
// CommonJS package: Node's ESM loader offers only its default export.
import proto from '@temporalio/proto';
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
const Indexed = proto.temporal.api.enums.v1.IndexedValueType;
const INDEXED_TYPES = {
  KEYWORD: Indexed.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: Indexed.INDEXED_VALUE_TYPE_TEXT,
  INT: Indexed.INDEXED_VALUE_TYPE_INT,
  DOUBLE: Indexed.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: Indexed.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: Indexed.INDEXED_VALUE_TYPE_DATETIME,
  KEYWORD_LIST: Indexed.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

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
  await addMissingSearchAttributes(address, o.namespace ?? 'default');

  return {
    address,
    process: child,
    stop: () => stopProcess(child),
  };
}

/**
 * start-dev registers its --search-attribute flags only in a new database file: one kept from an
 * earlier version of the app (npm start's .data/temporal.db) gets the attributes added since here.
 */
async function addMissingSearchAttributes(address: string, namespace: string) {
  const connection = await Connection.connect({ address });
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = CASE_SEARCH_ATTRIBUTES.filter((sa) => !(sa.name in (customAttributes ?? {})));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((sa) => [sa.name, INDEXED_TYPES[sa.type]])),
    });
  } finally {
    await connection.close();
  }
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
