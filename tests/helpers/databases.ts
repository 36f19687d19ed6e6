// Throwaway databases on the local Postgres server (DATABASE_URL names the server to use).
import pg from 'pg';
import { loadConfig } from '../../config/index.js';

function adminUrl(): URL {
  const url = new URL(loadConfig().DATABASE_URL);
  url.pathname = '/postgres';
  return url;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl().toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named after `prefix` and this process, and returns its URL. */
export async function freshDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}`;
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = adminUrl();
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  await admin(`drop database if exists ${name} with (force)`);
}
