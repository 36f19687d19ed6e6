// Pins the rendered e-mails byte for byte. The fixture was written by the full mjml render that every
// e-mail went through before templates were compiled once per shape; the compiled path must match it.
// Regenerate (UPDATE_EMAIL_FIXTURE=1) only when the e-mail is meant to change, and review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCaseEmail } from './render.js';
import { fixtureInputs } from './render-fixture-inputs.js';

const fixtureUrl = new URL('./render-fixture.json', import.meta.url);

type Rendered = { subject: string; html: string; text: string };

describe('rendered e-mails match the pinned fixture byte for byte', () => {
  if (process.env.UPDATE_EMAIL_FIXTURE === '1') {
    it('writes the fixture', async () => {
      const out: Record<string, Rendered> = {};
      for (const [name, input] of Object.entries(fixtureInputs)) out[name] = await renderCaseEmail(input);
      writeFileSync(fixtureUrl, `${JSON.stringify(out, null, 1)}\n`);
    });
    return;
  }

  const expected = JSON.parse(readFileSync(fixtureUrl, 'utf8')) as Record<string, Rendered>;

  it('has a fixture for every input and no other', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(fixtureInputs).sort());
  });

  it.each(Object.keys(fixtureInputs))('%s', async (name) => {
    const actual = await renderCaseEmail(fixtureInputs[name]!);
    const want = expected[name]!;
    // Compare strings with toBe so a mismatch shows a diff, and then bytes to be sure.
    expect(actual.subject).toBe(want.subject);
    expect(actual.html).toBe(want.html);
    expect(actual.text).toBe(want.text);
    expect(Buffer.from(actual.html).equals(Buffer.from(want.html))).toBe(true);
  });

  it('renders the same bytes again for a shape already compiled', async () => {
    for (const name of ['manyItems', 'escaping', 'received']) {
      const first = await renderCaseEmail(fixtureInputs[name]!);
      const again = await renderCaseEmail(fixtureInputs[name]!);
      expect(again).toEqual(first);
      expect(again).toEqual(expected[name]);
    }
  });
});
