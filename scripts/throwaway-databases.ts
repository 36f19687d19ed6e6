// Throwaway databases on a Postgres server, for tests and the benchmark.
import pg from 'pg';

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
