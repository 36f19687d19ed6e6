// `npm run idp`: the local e-legitimation provider as its own process, for development.
import { startDevIdp } from './provider.js';

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`IDP_PORT must be a port number, was "${value}"`);
  return n;
}

const redirectUris = (process.env.IDP_REDIRECT_URIS ?? 'http://localhost:3000/auth/callback,http://localhost:3000/auth/staff/callback')
  .split(',')
  .map((uri) => uri.trim())
  .filter(Boolean);

const idp = await startDevIdp({
  port: port(process.env.IDP_PORT),
  ...(process.env.IDP_HOST ? { host: process.env.IDP_HOST } : {}),
  clients: [
    {
      client_id: process.env.IDP_CLIENT_ID || 'kundportal',
      client_secret: process.env.IDP_CLIENT_SECRET || 'kundportal-dev-secret',
      client_name: 'Kundportal',
      redirect_uris: redirectUris,
    },
  ],
});

console.log(`E-legitimation för utveckling (BankID, Freja eID, SITHS eID) körs: ${idp.issuer}`);
console.log(`  Discovery: ${idp.issuer}/.well-known/openid-configuration`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stoppar`);
  try {
    await idp.close();
    process.exit(0);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
