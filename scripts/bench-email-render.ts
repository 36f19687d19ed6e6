// Per-e-mail render time: the full mjml render every e-mail went through before (kept callable here
// only) against the template compiled once per shape. Same process, alternating blocks, after warm-up.
//   npx tsx scripts/bench-email-render.ts [renders per path, default 500]
import { convert } from 'html-to-text';
import { caseEmailMjml } from '../activities/email/case-email.mjml.js';
import { mjmlToHtml } from '../activities/email/compiled-mjml.js';
import { caseEmailView, renderCaseEmail, textOptions, type CaseEmail } from '../activities/email/render.js';
import { fixtureInputs } from '../activities/email/render-fixture-inputs.js';

/** The render as it was: mjml for every e-mail, and html-to-text preparing its options every time. */
async function fullRender(e: CaseEmail) {
  const { subject, view } = caseEmailView(e);
  const html = await mjmlToHtml(caseEmailMjml(view));
  return { subject, html, text: convert(html, textOptions).trim() };
}

const n = Number(process.argv[2] ?? 500);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(inputs: CaseEmail[]) {
  const paths = { full: fullRender, compiled: renderCaseEmail };
  const times: Record<keyof typeof paths, number[]> = { full: [], compiled: [] };
  for (const e of inputs) {
    // Warm-up, which compiles every shape, and a check that both paths give the same bytes.
    const [a, b] = [await fullRender(e), await renderCaseEmail(e)];
    if (a.subject !== b.subject || a.html !== b.html || a.text !== b.text) throw new Error('the two paths differ');
  }
  const block = 50;
  for (let done = 0; done < n; done += block) {
    for (const [name, render] of Object.entries(paths) as [keyof typeof paths, typeof fullRender][]) {
      for (let i = done; i < Math.min(n, done + block); i++) {
        const e = inputs[i % inputs.length]!;
        const t0 = performance.now();
        await render(e);
        times[name].push(performance.now() - t0);
      }
    }
  }
  return Object.fromEntries(
    Object.entries(times).map(([name, t]) => {
      const s = [...t].sort((a, b) => a - b);
      return [name, { p50: quantile(s, 0.5), p95: quantile(s, 0.95) }];
    }),
  ) as Record<keyof typeof paths, { p50: number; p95: number }>;
}

const cases: [string, CaseEmail[]][] = [
  ['one message (typical)', [fixtureInputs.message!]],
  ['receipt', [fixtureInputs.received!]],
  [`fixture mix (${Object.keys(fixtureInputs).length} e-mails)`, Object.values(fixtureInputs)],
];
console.log(`Per-e-mail render time, ${n} renders per path (ms)`);
console.log('case'.padEnd(30), 'full p50', 'full p95', 'compiled p50', 'compiled p95', 'speed-up p50');
for (const [label, inputs] of cases) {
  const r = await measure(inputs);
  console.log(
    label.padEnd(30),
    r.full.p50.toFixed(2).padStart(8),
    r.full.p95.toFixed(2).padStart(8),
    r.compiled.p50.toFixed(2).padStart(12),
    r.compiled.p95.toFixed(2).padStart(12),
    `${(r.full.p50 / r.compiled.p50).toFixed(1)}×`.padStart(12),
  );
}
