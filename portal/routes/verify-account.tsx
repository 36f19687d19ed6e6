// Verifiera ditt konto (services/account-verification.ts): the address of the earlier account, then the
// one-time code; on success the person lands on Mina sidor with the account's roles and earlier cases.
import { type Context, Hono } from 'hono';
import { emailSchema } from '../../domain/swedish-ids.js';
import { CODE_TTL_MINUTES, requestVerificationCode, verifyWithCode } from '../../services/account-verification.js';
import { ServiceError } from '../../services/errors.js';
import type { Person } from '../../services/principal.js';
import { readForm } from '../forms.js';
import { formExpired, type PageGuards } from '../guards.js';
import { sendPage } from '../http.js';
import { refuseMethod } from '../method-refusal.js';
import { VerifyCodePage, VerifyEmailPage } from '../pages/verify-account.js';
import type { Visit } from '../viewer.js';

const EMAIL_PATH = '/verifiera-konto';
const CODE_PATH = '/verifiera-konto/kod';

/** A service's refusal of the form as field errors; anything else goes on up. */
const fieldErrorsOf = (err: unknown) => {
  if (err instanceof ServiceError && err.kind === 'invalid' && err.extra.errors?.length) return err.extra.errors;
  throw err;
};

export function verifyAccountRoutes({ deps, asPerson }: PageGuards) {
  const app = new Hono();
  const refused = (c: Context, p: Person, v: Visit, back: string) => refuseMethod(c, deps, v, p, 'verify_account', back);

  app.get(EMAIL_PATH, (c) => asPerson(c, async (p, v) => refused(c, p, v, EMAIL_PATH) ?? sendPage(c, <VerifyEmailPage viewer={v.viewer} email="" errors={[]} />)));

  app.post(EMAIL_PATH, (c) =>
    asPerson(c, async (p, v) => {
      const form = await readForm(c, p);
      if (!form) return formExpired(c, v, EMAIL_PATH);
      const refusal = refused(c, p, v, EMAIL_PATH);
      if (refusal) return refusal;
      const again = (errors: Array<{ field: string; message: string }>) => sendPage(c, <VerifyEmailPage viewer={v.viewer} email={form.email} errors={errors} />, 400);
      const email = emailSchema.safeParse(form.email ?? '');
      if (!email.success) return again([{ field: 'email', message: email.error.issues[0]?.message ?? 'Ange en e-postadress' }]);
      try {
        await requestVerificationCode(deps, p, email.data);
      } catch (err) {
        return again(fieldErrorsOf(err));
      }
      return c.redirect(CODE_PATH, 303);
    }),
  );

  app.get(CODE_PATH, (c) => asPerson(c, async (p, v) => refused(c, p, v, CODE_PATH) ?? sendPage(c, <VerifyCodePage viewer={v.viewer} minutes={CODE_TTL_MINUTES} errors={[]} />)));

  app.post(CODE_PATH, (c) =>
    asPerson(c, async (p, v) => {
      const form = await readForm(c, p);
      if (!form) return formExpired(c, v, CODE_PATH);
      const refusal = refused(c, p, v, CODE_PATH);
      if (refusal) return refusal;
      try {
        await verifyWithCode(deps, p, form.code ?? '');
      } catch (err) {
        if (err instanceof ServiceError && err.kind === 'conflict') return c.redirect('/mina-sidor', 303);
        return sendPage(c, <VerifyCodePage viewer={v.viewer} minutes={CODE_TTL_MINUTES} errors={fieldErrorsOf(err)} />, 400);
      }
      return c.redirect('/mina-sidor?konto=verifierat', 303);
    }),
  );
  return app;
}
