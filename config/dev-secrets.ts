// The built-in development secrets, and the rule that a production run must not start with them:
// they are in this repository, so data protected by them is protected by nothing.

/** Development-only values (the keys are 32 bytes each, base64; the OIDC secret is the local provider's). */
export const DEV_SECRETS = {
  PNR_ENCRYPTION_KEY: 'a3VuZHBvcnRhbC1kZXYtb25seS1hZXMtZ2NtLWtleSE=',
  PNR_HASH_KEY: 'a3VuZHBvcnRhbC1kZXYtb25seS1obWFjLWtleS0wMDE=',
  TEMPORAL_PAYLOAD_KEY: 'a3VuZHBvcnRhbC1kZXYtdGVtcG9yYWwtcGF5bG9hZCE=',
  OIDC_CLIENT_SECRET: 'kundportal-dev-secret',
  CONTACT_LINK_SECRET: 'a3VuZHBvcnRhbC1kZXYtY29udGFjdC1saW5rLWtleSE=',
} as const;

// What to put in each variable, as the operator reads it.
const HOW_TO_SET = {
  PNR_ENCRYPTION_KEY: '32 slumpmässiga byte i base64 (openssl rand -base64 32)',
  PNR_HASH_KEY: '32 slumpmässiga byte i base64 (openssl rand -base64 32)',
  TEMPORAL_PAYLOAD_KEY: '32 slumpmässiga byte i base64 (openssl rand -base64 32), samma i API och worker',
  OIDC_CLIENT_SECRET: 'klienthemligheten från e-legitimationsleverantören',
  STAFF_OIDC_CLIENT_SECRET: 'klienthemligheten för personalens inloggning',
  CONTACT_LINK_SECRET: '32 slumpmässiga byte i base64 (openssl rand -base64 32), samma i API och worker',
} as const;

interface SecretSettings {
  PUBLIC_URL: string;
  PNR_ENCRYPTION_KEY: string;
  PNR_HASH_KEY: string;
  TEMPORAL_PAYLOAD_KEY: string;
  OIDC_CLIENT_SECRET: string;
  STAFF_OIDC_CLIENT_SECRET?: string | undefined;
  /** Signs the "Kontakta oss" follow-up links and form stamps. */
  CONTACT_LINK_SECRET?: string | undefined;
}

/** Why this run counts as production: an https PUBLIC_URL or NODE_ENV=production. */
function productionReasons(c: SecretSettings, nodeEnv: string | undefined): string[] {
  const reasons: string[] = [];
  if (/^https:/i.test(c.PUBLIC_URL.trim())) reasons.push(`PUBLIC_URL är https (${c.PUBLIC_URL})`);
  if (nodeEnv === 'production') reasons.push('NODE_ENV=production');
  return reasons;
}

/** The variables that still hold a built-in development value. */
function developmentSecretsInUse(c: SecretSettings): Array<keyof typeof HOW_TO_SET> {
  const names = (['PNR_ENCRYPTION_KEY', 'PNR_HASH_KEY', 'TEMPORAL_PAYLOAD_KEY', 'OIDC_CLIENT_SECRET'] as const).filter(
    (name) => c[name] === DEV_SECRETS[name],
  );
  const contact = c.CONTACT_LINK_SECRET === DEV_SECRETS.CONTACT_LINK_SECRET ? (['CONTACT_LINK_SECRET'] as const) : [];
  // Unset, staff use the customer secret, which the line above already checks.
  return [...names, ...(c.STAFF_OIDC_CLIENT_SECRET === DEV_SECRETS.OIDC_CLIENT_SECRET ? (['STAFF_OIDC_CLIENT_SECRET'] as const) : []), ...contact];
}

/** The message that stops a production run using development secrets; undefined when it may start. */
export function developmentSecretsRefusal(c: SecretSettings, nodeEnv: string | undefined): string | undefined {
  const reasons = productionReasons(c, nodeEnv);
  const names = developmentSecretsInUse(c);
  if (reasons.length === 0 || names.length === 0) return undefined;
  const width = Math.max(...names.map((n) => n.length));
  return [
    `Kundportal startar inte: ${reasons.join(' och ')}, men ${names.length === 1 ? 'en hemlighet har' : 'några hemligheter har'} kvar ` +
      'utvecklingsvärdet som finns i källkoden. Sätt egna värden i miljön:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${HOW_TO_SET[n]}`),
    'Behåll sedan samma nycklar: personnummer och meddelanden som krypterats med en nyckel kan bara läsas med den.',
  ].join('\n');
}
