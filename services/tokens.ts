// API tokens for integrations: created (shown once), listed and revoked by their owner only.
import { type TokenOwner, issueApiToken, issueApiTokenOnce, listApiTokens, revokeApiToken } from '../db/tokens.js';
import type { ServiceDeps } from './deps.js';
import { notFound } from './errors.js';
import type { Customer, Staff } from './principal.js';

const ownerOf = (p: Customer | Staff): TokenOwner => (p.kind === 'staff' ? { staffId: p.staffId } : { customerAccountId: p.accountId });

export const listTokens = (deps: ServiceDeps, p: Customer | Staff) => listApiTokens(deps.db, ownerOf(p));

export const issueToken = (deps: ServiceDeps, p: Customer | Staff, name: string) => issueApiToken(deps.db, ownerOf(p), name);

/**
 * One token per intent: the form's key is stored with the token, so a resent form or a double click
 * finds the first token (`created: false`, no secret: it was shown once, to the first request).
 */
export const issueTokenOnce = (deps: ServiceDeps, p: Customer | Staff, name: string, intentKey: string) =>
  issueApiTokenOnce(deps.db, ownerOf(p), name, intentKey);

export async function revokeToken(deps: ServiceDeps, p: Customer | Staff, id: number) {
  if (!(await revokeApiToken(deps.db, ownerOf(p), id))) throw notFound('API-nyckeln finns inte.');
}
