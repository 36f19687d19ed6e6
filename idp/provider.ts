// The local e-legitimation identity provider for development and tests: an OpenID Connect provider
// (oidc-provider) standing in for the identity broker that offers BankID, Freja eID and SITHS eID.
// Authorization code flow with PKCE only; everything is kept in memory.
import { createHash, generateKeyPair, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import Provider, { interactionPolicy, type Configuration, type Interaction } from 'oidc-provider';
import { normalisePersonnummer } from '../domain/swedish-ids.js';
import {
  AUTH_METHODS,
  htmlHeaders,
  isAuthMethod,
  renderErrorPage,
  renderLoggedOutPage,
  renderLoginPage,
  renderLogoutPage,
  type AuthMethod,
  type LoginFormErrors,
} from './login-page.js';
import { findTestPerson, testPersons } from './test-persons.js';


export interface DevIdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  /** Shown on the login page ("Du loggar in till …"); defaults to client_id. */
  client_name?: string;
}

export interface DevIdpOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Address to listen on, default 127.0.0.1; 'localhost' makes the issuer http://localhost:<port>. */
  host?: string;
  clients: DevIdpClient[];
}

export interface DevIdp {
  issuer: string;
  port: number;
  close(): Promise<void>;
}

/** Scopes the provider offers; personnummer and auth_method come with openid. */
export const DEV_IDP_SCOPES = 'openid profile';

const OIDC_SCOPE_CLAIMS = {
  openid: ['sub', 'personnummer', 'auth_method', 'amr'],
  profile: ['name', 'given_name', 'family_name'],
};

// Short lifetimes, in seconds: this provider only hands a login to the portal and forgets it.
const TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 10 * 60,
  Interaction: 10 * 60,
  Session: 10 * 60,
  Grant: 10 * 60,
};

const MAX_FORM_BYTES = 16 * 1024;
const MAX_NAME_LENGTH = 100;

/**
 * The `sub` claim: a stable pseudonym for a personnummer (SHA-256, base64url), so that the portal
 * can tell people apart without the subject identifier being the personnummer itself. Unkeyed,
 * which is fine for made-up development identities; a real broker issues its own.
 */
export function subjectFor(personnummer: string): string {
  return createHash('sha256').update(`kundportal-dev-idp:${personnummer}`).digest('base64url');
}

interface LoginProfile {
  personnummer: string;
  name: string;
  givenName: string;
  familyName: string;
  method: AuthMethod;
}

/** The person a login stands for: a test person's own name unless another one was typed. */
function profileFor(personnummer: string, typedName: string, method: AuthMethod): LoginProfile {
  const known = findTestPerson(personnummer);
  if (typedName) {
    const parts = typedName.split(' ');
    const familyName = parts.length > 1 ? parts.pop()! : '';
    return { personnummer, name: typedName, givenName: parts.join(' '), familyName, method };
  }
  if (known) return { personnummer, name: known.name, givenName: known.givenName, familyName: known.familyName, method };
  const masked = `${personnummer.slice(0, 8)}-****`;
  return { personnummer, name: `Testperson ${masked}`, givenName: 'Testperson', familyName: masked, method };
}

function authMethodFromAmr(amr: unknown): AuthMethod | undefined {
  return Array.isArray(amr) && isAuthMethod(amr[0]) ? amr[0] : undefined;
}

async function generateSigningKey(): Promise<Record<string, unknown>> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

function issuerHostFor(host: string): string {
  if (host === 'localhost') return 'localhost';
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, { ...htmlHeaders(), 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

class FormError extends Error {
  constructor(readonly status: number) {
    super(`form rejected with status ${status}`);
  }
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) throw new FormError(415);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new FormError(413);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startDevIdp(opts: DevIdpOptions): Promise<DevIdp> {
  const host = opts.host ?? '127.0.0.1';
  if (opts.clients.length === 0) throw new Error('startDevIdp: at least one client is required');

  const signingKey = await generateSigningKey();

  // Listen first: with port 0 the issuer (which contains the port) is known only afterwards.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.writeHead(503).end();
  };
  const server: Server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 'localhost' listens on IPv4 loopback: what it resolves to first differs between machines.
    server.listen(opts.port ?? 0, host === 'localhost' ? '127.0.0.1' : host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://${issuerHostFor(host)}:${port}`;

  const clientNames = new Map(opts.clients.map((c) => [c.client_id, c.client_name ?? c.client_id]));
  // Who logged in under each pseudonym, most recent login wins (names may be typed per login).
  const profiles = new Map<string, LoginProfile>();

  const policy = interactionPolicy.base();
  // Every authorization asks for a new e-legitimation, as the real broker does; without this an
  // earlier session would log the next person in silently.
  policy.get('login')!.checks.push(
    new interactionPolicy.Check('fresh_login', 'a new e-legitimation is required for every authorization', (ctx) => !ctx.oidc.result?.login),
  );

  // No adapter: oidc-provider's own in-memory one, a separate store for each provider instance.
  const configuration: Configuration = {
    clients: opts.clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret,
      redirect_uris: c.redirect_uris,
      ...(c.client_name ? { client_name: c.client_name } : {}),
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // client_secret_post is accepted for a client registered for basic (oidc-provider treats them alike).
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    responseTypes: ['code'],
    scopes: DEV_IDP_SCOPES.split(' '),
    claims: OIDC_SCOPE_CLAIMS,
    // Put the scope's claims in the ID token itself, so the client needs no userinfo call.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Cookies ignore ports: prefixed names keep clear of the portal's cookies on localhost.
      names: { session: 'kp_idp_session', interaction: 'kp_idp_interaction', resume: 'kp_idp_resume' },
    },
    jwks: { keys: [signingKey] },
    ttl: TTL,
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.set(htmlHeaders());
          ctx.body = renderLogoutPage(form, ctx.host);
        },
        postLogoutSuccessSource(ctx) {
          ctx.set(htmlHeaders());
          ctx.body = renderLoggedOutPage();
        },
      },
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    async findAccount(_ctx, sub, token) {
      const profile = profiles.get(sub);
      if (!profile) return undefined;
      // The method of this very login travels with the code as amr; the profile keeps the latest one.
      const method = authMethodFromAmr(token && 'amr' in token ? token.amr : undefined) ?? profile.method;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          personnummer: profile.personnummer,
          name: profile.name,
          given_name: profile.givenName,
          ...(profile.familyName ? { family_name: profile.familyName } : {}),
          auth_method: method,
          amr: [method],
        }),
      };
    },
    // No consent screen: our own clients get openid and profile granted automatically.
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (existing && existing.accountId === session.accountId) return existing;
      const grant = new ctx.oidc.provider.Grant({ accountId: session.accountId, clientId: client.clientId });
      grant.addOIDCScope(DEV_IDP_SCOPES);
      await grant.save();
      return grant;
    },
    renderError(ctx, out) {
      ctx.set(htmlHeaders());
      ctx.body = renderErrorPage({
        heading: 'Inloggningen kunde inte genomföras',
        message: 'Gå tillbaka till tjänsten och försök igen.',
        details: { fel: out.error, beskrivning: out.error_description },
      });
    },
  };

  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } catch (err) {
    server.close();
    throw err;
  }
  provider.proxy = false;
  provider.on('server_error', (_ctx, err) => {
    console.error(`[idp] server error: ${err.message}`);
  });
  const oidcCallback = provider.callback();

  function loginPage(interaction: Interaction, values: { method: AuthMethod; personnummer?: string; name?: string; errors?: LoginFormErrors }) {
    const clientId = String(interaction.params.client_id ?? '');
    return renderLoginPage({
      loginAction: `/interaction/${interaction.uid}/login`,
      abortAction: `/interaction/${interaction.uid}/abort`,
      clientName: clientNames.get(clientId) ?? clientId,
      persons: testPersons,
      ...values,
    });
  }

  async function finishLogin(req: IncomingMessage, res: ServerResponse, interaction: Interaction) {
    const form = await readForm(req);
    const methodValue = form.get('method');
    const typedPersonnummer = form.get('personnummer') ?? '';
    const typedName = (form.get('name') ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim().replace(/\s+/g, ' ');
    // A test person's button carries that personnummer; otherwise the typed field counts.
    const rawPersonnummer = form.get('person') || typedPersonnummer;
    const personnummer = normalisePersonnummer(rawPersonnummer);

    const errors: LoginFormErrors = {};
    if (!isAuthMethod(methodValue)) errors.method = 'Välj BankID, Freja eID eller SITHS eID.';
    if (!rawPersonnummer.trim()) errors.personnummer = 'Ange ditt personnummer.';
    else if (personnummer === null) errors.personnummer = 'Ogiltigt personnummer. Kontrollera datum och kontrollsiffra.';
    if (typedName.length > MAX_NAME_LENGTH) errors.name = `Namnet får vara högst ${MAX_NAME_LENGTH} tecken.`;
    if (!isAuthMethod(methodValue) || personnummer === null || Object.keys(errors).length > 0) {
      const method = isAuthMethod(methodValue) ? methodValue : AUTH_METHODS[0]!.value;
      sendHtml(res, 400, loginPage(interaction, { method, personnummer: typedPersonnummer, name: typedName, errors }));
      return;
    }

    const sub = subjectFor(personnummer);
    profiles.set(sub, profileFor(personnummer, typedName, methodValue));

    // A fresh e-legitimation replaces any earlier session in this browser, so that logging in as
    // someone else does not end in oidc-provider's "log out the previous user?" step.
    if (interaction.session?.uid) {
      const previous = await provider.Session.findByUid(interaction.session.uid);
      await previous?.destroy();
      delete interaction.session;
      await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
    }

    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: sub, amr: [methodValue], remember: false } },
      { mergeWithLastSubmission: false },
    );
  }

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined) {
    const expected = action === undefined ? ['GET', 'HEAD'] : ['POST'];
    if (!expected.includes(req.method ?? '')) {
      res.writeHead(405, { allow: expected.join(', ') }).end();
      return;
    }

    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(req, res);
      if (interaction.uid !== uid) throw new Error('interaction cookie does not match the URL');
    } catch {
      sendHtml(
        res,
        400,
        renderErrorPage({
          heading: 'Inloggningen har gått ut',
          message: 'Inloggningen har gått ut eller är redan avslutad. Gå tillbaka till tjänsten och logga in igen.',
        }),
      );
      return;
    }

    if (action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === 'login') {
      await finishLogin(req, res, interaction);
      return;
    }

    if (interaction.prompt.name === 'consent') {
      // Only when a client asks for prompt=consent: our clients are trusted, grant it at once.
      const accountId = interaction.session?.accountId;
      if (!accountId) throw new Error('consent prompt without a logged-in account');
      const existing = interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined;
      const grant = existing ?? new provider.Grant({ accountId, clientId: String(interaction.params.client_id) });
      grant.addOIDCScope(DEV_IDP_SCOPES);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    // A client may ask for a method as acr_values (api/oidc.ts METHOD_ACR): preselect it.
    const asked = /urn:kundportal:method:(\w+)/.exec(String(interaction.params.acr_values ?? ''))?.[1];
    sendHtml(res, 200, loginPage(interaction, { method: isAuthMethod(asked) ? asked : 'bankid' }));
  }

  handle = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    const match = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?\/?$/.exec(path);
    if (!match) {
      void oidcCallback(req, res);
      return;
    }
    handleInteraction(req, res, match[1]!, match[2]).catch((err: unknown) => {
      if (err instanceof FormError) {
        if (!res.headersSent) res.writeHead(err.status).end();
        return;
      }
      console.error(`[idp] interaction failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) {
        sendHtml(res, 500, renderErrorPage({ message: 'Ett oväntat fel inträffade. Gå tillbaka till tjänsten och försök igen.' }));
      } else {
        res.end();
      }
    });
  };

  return {
    issuer,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections (fetch keeps them) would hold close() open.
        server.closeAllConnections();
      }),
  };
}
