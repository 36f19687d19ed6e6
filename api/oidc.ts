// OpenID Connect client for e-legitimation via an identity broker: authorization code flow with PKCE.
import * as oidc from 'openid-client';
import { normalisePersonnummer } from '../domain/index.js';
// The e-legitimation a person chose on the portal's start page.
import type { LoginMethod } from '../domain/login-methods.js';

/**
 * How the chosen method is asked of the broker: an Authentication Context Class Reference in
 * `acr_values`, as Swedish brokers take it. The local identity provider (idp/) preselects the method;
 * a real broker names its own values, to be mapped here when one is configured.
 */
const METHOD_ACR: Record<LoginMethod, string> = {
  bankid: 'urn:kundportal:method:bankid',
  freja: 'urn:kundportal:method:freja',
  siths: 'urn:kundportal:method:siths',
};

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface AuthSettings {
  /** Base URL of this API as the browser sees it; callbacks are `${publicUrl}/auth/…/callback`. */
  publicUrl: string;
  customer: OidcClientSettings;
  staff: OidcClientSettings;
  sessionTtlSeconds: number;
  sessionIdleSeconds: number;
}

export interface VerifiedPerson {
  personnummer: string;
  name: string;
  authMethod: string;
}

export type OidcClient = ReturnType<typeof createOidcClient>;

export function createOidcClient(settings: OidcClientSettings) {
  let discovered: Promise<oidc.Configuration> | undefined;
  // Discovered on first use, so the API starts even while the broker is down; a failure is retried next time.
  const configuration = () =>
    (discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain http is the local development provider only; a real broker is https.
        execute: settings.issuer.startsWith('http://') ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err) => {
        discovered = undefined;
        throw err;
      }));

  return {
    /** A fresh login: where to send the browser, and the secrets to keep until the callback. */
    /** `method` asks the broker to start with that e-legitimation, as `acr_values` (see METHOD_ACR). */
    async begin(redirectUri: string, method?: LoginMethod) {
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(await configuration(), {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(method ? { acr_values: METHOD_ACR[method] } : {}),
      });
      return { url, state, nonce, codeVerifier };
    },

    /** Exchanges the code and returns the verified person from the ID token's claims. */
    async complete(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }): Promise<VerifiedPerson> {
      const tokens = await oidc.authorizationCodeGrant(await configuration(), callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims: Record<string, unknown> = tokens.claims() ?? {};
      const personnummer = typeof claims.personnummer === 'string' ? normalisePersonnummer(claims.personnummer) : null;
      if (!personnummer) throw new Error('The ID token carries no valid personnummer claim');
      const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim() : 'Okänt namn';
      const authMethod = typeof claims.auth_method === 'string' ? claims.auth_method : Array.isArray(claims.amr) ? String(claims.amr[0]) : 'okänd';
      return { personnummer, name, authMethod };
    },
  };
}
