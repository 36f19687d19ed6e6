// MJML compiled once per e-mail shape. Rendering mjml costs milliseconds per e-mail, yet only the
// shape of a view (how many items, paragraphs, quotes, lines) changes the document mjml builds; the
// strings in it are copied through. So each shape is rendered once with a marker in place of every
// string, the HTML is cut at the markers, and an e-mail is the pieces joined with its own strings:
// byte for byte what mjml would have produced (pinned by render-fixture.test.ts and compared
// against a full render in compiled-mjml.test.ts).
import mjml2html from 'mjml';

// fonts: {} keeps mjml from linking Google Fonts, which would leak the reader's IP to a third party.
const mjmlOptions = { validationLevel: 'strict', fonts: {}, keepComments: false } as const;

/** The full mjml render, for a shape that cannot be compiled and for comparison. */
export async function mjmlToHtml(mjml: string): Promise<string> {
  return (await mjml2html(mjml, mjmlOptions)).html;
}

/**
 * How a string reaches the HTML: copied as is, or trimmed, because mjml trims the whole content of
 * an element such as mj-text or mj-title and the string is that whole content.
 */
type SlotMode = 'verbatim' | 'trimmed';

interface Compiled {
  /** The HTML between the strings: parts[0] + s0 + parts[1] + s1 + … + parts[n]. */
  parts: string[];
  /** Between the parts, in order: which string of the view (in walk order) goes there, and how. */
  slots: { index: number; mode: SlotMode }[];
}

/** Calls f on every string of a view, depth first, in property order, and returns the copy. */
function mapStrings<V>(value: V, f: (s: string) => string): V {
  if (typeof value === 'string') return f(value) as V;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as V;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, f);
    return out as V;
  }
  return value;
}

// Whitespace around each marker shows whether mjml copies the string as is (the padding survives)
// or trims it (the padding is gone). Tabs appear nowhere else in mjml's output.
const PAD = '\t \n \t';
const marker = (i: number) => `KPSLOT${i}Z`;

async function compile(template: (view: never) => string, view: unknown): Promise<Compiled | undefined> {
  let n = 0;
  const placeholders = mapStrings(view, () => `${PAD}${marker(n++)}${PAD}`);
  let html: string;
  try {
    html = await mjmlToHtml(template(placeholders as never));
  } catch {
    return undefined; // the full render reports the error for the e-mail itself
  }
  const found: { index: number; start: number; end: number; mode: SlotMode }[] = [];
  for (let i = 0; i < n; i++) {
    // A string may appear more than once (mjml also puts the title in the body's aria-label).
    const m = marker(i);
    let at = html.indexOf(m);
    if (at < 0) return undefined; // dropped: not a plain copy
    for (; at >= 0; at = html.indexOf(m, at + m.length)) {
      const before = html.slice(at - PAD.length, at) === PAD;
      const after = html.slice(at + m.length, at + m.length + PAD.length) === PAD;
      if (before !== after) return undefined; // trimmed on one side only: not the whole content
      found.push(
        before
          ? { index: i, start: at - PAD.length, end: at + m.length + PAD.length, mode: 'verbatim' }
          : { index: i, start: at, end: at + m.length, mode: 'trimmed' },
      );
    }
  }
  found.sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let from = 0;
  for (const f of found) {
    parts.push(html.slice(from, f.start));
    from = f.end;
  }
  parts.push(html.slice(from));
  return { parts, slots: found.map(({ index, mode }) => ({ index, mode })) };
}

// The strings of a view are escaped text, with <br /> for line breaks: mjml copies such text
// unchanged. Anything else (markup) goes through the full render.
const plain = /^(?:[^<>]|<br \/>)*$/;

const maxShapes = 200;

/**
 * Returns a renderer equivalent to `view => mjmlToHtml(template(view))` that compiles each shape of
 * view once. A shape is the view with its strings left out; the number of shapes in use is small (the
 * number of items in an e-mail and their kinds), and the cache forgets the oldest past maxShapes.
 */
export function compiledMjml<V>(template: (view: V) => string): (view: V) => Promise<string> {
  const shapes = new Map<string, Promise<Compiled | undefined>>();

  return async (view: V) => {
    const strings: string[] = [];
    const key = JSON.stringify(
      mapStrings(view, (s) => {
        strings.push(s);
        return '';
      }),
    );
    let compiled = shapes.get(key);
    if (compiled === undefined) {
      if (shapes.size >= maxShapes) shapes.delete(shapes.keys().next().value!);
      compiled = compile(template as (view: never) => string, view);
      shapes.set(key, compiled);
    }
    const c = await compiled;
    // An empty string may make mjml leave an element out (an empty mj-preview, a button without
    // href): not a plain copy either.
    if (c === undefined || !strings.every((s) => plain.test(s) && s.trim() !== '')) return mjmlToHtml(template(view));

    let html = c.parts[0]!;
    for (let i = 0; i < c.slots.length; i++) {
      const { index, mode } = c.slots[i]!;
      html += (mode === 'verbatim' ? strings[index]! : strings[index]!.trim()) + c.parts[i + 1]!;
    }
    return html;
  };
}
