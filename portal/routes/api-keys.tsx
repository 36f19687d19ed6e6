// API-nycklar: list, create and revoke one's own keys through services/tokens.ts, like /api/v1/tokens.
//
// The new key's secret is rendered in the answer to the create form itself (sendPage: Cache-Control
// no-store), not on a page behind a redirect. So the secret is never in a URL, in the history or in
// any store of ours: the database keeps only its hash, as for keys made through the API. A flash stored
// server-side for a redirect would have to keep the secret readable for a while. The form carries a key
// per intent, stored with the token (issueTokenOnce): sending it again (reload, back, double click)
// makes no second key and says the key exists but is not shown again.
import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { newTokenSchema } from '../../domain/api-tokens.js';
import { fieldErrors } from '../../domain/index.js';
import { ServiceError } from '../../services/errors.js';
import type { Customer } from '../../services/principal.js';
import { issueTokenOnce, listTokens, revokeToken } from '../../services/tokens.js';
import { type FormErrors, intentKey, readForm } from '../forms.js';
import { formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { API_KEYS_PATH, AlreadyCreatedPage, ApiKeysPage, CreatedKeyPage, RevokeKeyPage } from '../pages/api-keys.js';
import { MessagePage } from '../pages/message.js';
import type { Visit } from '../viewer.js';

/** A key id from the path; anything else (or too long for an id) is no key. */
const keyIdOf = (value: string) => (/^\d{1,15}$/.test(value) ? Number(value) : undefined);

const REVOKED_NOTICE = 'API-nyckeln är återkallad. Den fungerar inte längre.';

export function apiKeyRoutes({ deps, asCustomer }: PageGuards) {
  const app = new Hono();

  const list = async (c: Context, p: Customer, v: Visit, form: { key: string; name?: string | undefined; errors: FormErrors }, notice?: string) =>
    sendPage(
      c,
      <ApiKeysPage viewer={v.viewer} isLocalAdmin={p.isLocalAdmin} keys={await listTokens(deps, p)} form={form} notice={notice} />,
      form.errors.length ? 400 : 200,
    );

  /** The person's own live key, or undefined: another's key, a revoked one and a made-up id look alike. */
  const ownKey = async (p: Customer, id: string) => {
    const keyId = keyIdOf(id);
    return keyId === undefined ? undefined : (await listTokens(deps, p)).find((k) => k.id === keyId);
  };

  const noSuchKey = (c: Context, v: Visit) =>
    sendPage(
      c,
      <MessagePage
        viewer={v.viewer}
        title="API-nyckeln finns inte"
        text="Vi hittar ingen sådan API-nyckel bland dina nycklar. Den kan redan vara återkallad."
        link={{ href: API_KEYS_PATH, label: 'Tillbaka till API-nycklar' }}
      />,
      404,
    );

  app.get(API_KEYS_PATH, (c) =>
    asCustomer(c, (p, v) => list(c, p, v, { key: randomUUID(), errors: [] }, c.req.query('aterkallad') === 'ja' ? REVOKED_NOTICE : undefined)),
  );

  app.post(API_KEYS_PATH, (c) =>
    asCustomer(
      c,
      async (p, v) => {
        const form = await readForm(c, p);
        if (!form) return formExpired(c, v, API_KEYS_PATH);
        const key = intentKey(form) ?? randomUUID();
        const parsed = newTokenSchema.safeParse({ name: form.name ?? '' });
        if (!parsed.success) return list(c, p, v, { key, name: form.name, errors: fieldErrors(parsed.error) });
        const issued = await issueTokenOnce(deps, p, parsed.data.name, key);
        if (!issued.created) return sendPage(c, <AlreadyCreatedPage viewer={v.viewer} isLocalAdmin={p.isLocalAdmin} name={issued.name} />);
        return sendPage(c, <CreatedKeyPage viewer={v.viewer} isLocalAdmin={p.isLocalAdmin} name={issued.name} secret={issued.token} />);
      },
      API_KEYS_PATH,
    ),
  );

  app.get(`${API_KEYS_PATH}/:id/aterkalla`, (c) =>
    asCustomer(c, async (p, v) => {
      const found = await ownKey(p, c.req.param('id'));
      if (!found) return noSuchKey(c, v);
      return sendPage(c, <RevokeKeyPage viewer={v.viewer} isLocalAdmin={p.isLocalAdmin} apiKey={found} />);
    }),
  );

  app.post(`${API_KEYS_PATH}/:id/aterkalla`, (c) =>
    asCustomer(
      c,
      async (p, v) => {
        const form = await readForm(c, p);
        if (!form) return formExpired(c, v, API_KEYS_PATH);
        const keyId = keyIdOf(c.req.param('id'));
        if (keyId === undefined) return noSuchKey(c, v);
        try {
          await revokeToken(deps, p, keyId);
        } catch (err) {
          // Already revoked (a resent form) or never theirs: nothing done, and the page says the key may be revoked already.
          if (!(err instanceof ServiceError) || err.kind !== 'not-found') throw err;
          return noSuchKey(c, v);
        }
        return c.redirect(`${API_KEYS_PATH}?aterkallad=ja`, 303);
      },
      API_KEYS_PATH,
    ),
  );

  return app;
}
