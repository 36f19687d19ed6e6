import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEV_SECRETS, developmentSecretsRefusal } from './dev-secrets.js';

const key = () => randomBytes(32).toString('base64');
const own = () => ({
  PUBLIC_URL: 'https://kundportal.example.se',
  PNR_ENCRYPTION_KEY: key(),
  PNR_HASH_KEY: key(),
  TEMPORAL_PAYLOAD_KEY: key(),
  OIDC_CLIENT_SECRET: 'broker-secret',
});
const dev = { PUBLIC_URL: 'http://localhost:3000', ...DEV_SECRETS };

describe('developmentSecretsRefusal', () => {
  it('lets development run on the built-in secrets', () => {
    expect(developmentSecretsRefusal(dev, undefined)).toBeUndefined();
    expect(developmentSecretsRefusal(dev, 'development')).toBeUndefined();
    expect(developmentSecretsRefusal(dev, 'test')).toBeUndefined();
  });

  it('refuses every built-in secret when PUBLIC_URL is https, naming each variable once', () => {
    const message = developmentSecretsRefusal({ ...dev, PUBLIC_URL: 'HTTPS://kundportal.example.se' }, undefined)!;
    expect(message).toContain('PUBLIC_URL är https');
    for (const name of ['PNR_ENCRYPTION_KEY', 'PNR_HASH_KEY', 'TEMPORAL_PAYLOAD_KEY', 'OIDC_CLIENT_SECRET']) {
      expect(message.match(new RegExp(`^  ${name} `, 'gm')), name).toHaveLength(1);
    }
    expect(message).not.toContain('STAFF_OIDC_CLIENT_SECRET');
    expect(message).toContain('openssl rand -base64 32');
  });

  it('refuses under NODE_ENV=production on an http PUBLIC_URL', () => {
    const message = developmentSecretsRefusal({ ...own(), PUBLIC_URL: 'http://localhost:3000', PNR_HASH_KEY: DEV_SECRETS.PNR_HASH_KEY }, 'production');
    expect(message).toContain('NODE_ENV=production');
    expect(message).toMatch(/^  PNR_HASH_KEY /m);
    expect(message).not.toMatch(/PNR_ENCRYPTION_KEY|TEMPORAL_PAYLOAD_KEY|OIDC_CLIENT_SECRET/);
  });

  it('gives both reasons when both hold', () => {
    const message = developmentSecretsRefusal({ ...own(), TEMPORAL_PAYLOAD_KEY: DEV_SECRETS.TEMPORAL_PAYLOAD_KEY }, 'production');
    expect(message).toContain('PUBLIC_URL är https (https://kundportal.example.se) och NODE_ENV=production');
  });

  it('lets production start with its own secrets', () => {
    expect(developmentSecretsRefusal(own(), 'production')).toBeUndefined();
    expect(developmentSecretsRefusal({ ...own(), STAFF_OIDC_CLIENT_SECRET: 'staff-secret' }, 'production')).toBeUndefined();
  });

  it('refuses a staff client secret set to the development value', () => {
    const message = developmentSecretsRefusal({ ...own(), STAFF_OIDC_CLIENT_SECRET: DEV_SECRETS.OIDC_CLIENT_SECRET }, undefined);
    expect(message).toMatch(/^  STAFF_OIDC_CLIENT_SECRET /m);
    expect(message).not.toMatch(/^  OIDC_CLIENT_SECRET /m);
  });
});
