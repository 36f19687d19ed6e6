// Throwaway databases on a Postgres server, for tests and the benchmark.
import pg from 'pg';

/** One statement on the server's maintenance database, which no test ever cuts off. */
async function admin(serverUrl: string, sql: string, values: unknown[] = []) {
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/**
 * An outage of one database while the server runs on: refused, new connections are refused and every
 * open one ends; allowed again, they come back.
 */
export async function allowConnections(url: string, allowed: boolean) {
  const name = new URL(url).pathname.slice(1);
  await admin(url, `alter database ${name} allow_connections ${allowed}`);
  if (!allowed) await admin(url, 'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
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
