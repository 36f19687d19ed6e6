// Bundles the case workflows once (webpack, via the SDK's bundleWorkflowCode) into .data/, so the worker
// starts without bundling. The worker uses the file only while it matches workflows/, domain/ and
// package-lock.json as they are; otherwise it bundles at start as before. `npm start` calls
// ensureWorkflowBundle(); `tsx scripts/bundle-workflows.ts` runs it directly (`--force` rebuilds).
import { pathToFileURL } from 'node:url';
import { prebuiltWorkflowBundle, writeWorkflowBundle } from '../worker/create-worker.js';

/** Writes the bundle when it is missing or stale (or always, forced); true if it did. */
export async function ensureWorkflowBundle(log: (line: string) => void = console.log, force = false): Promise<boolean> {
  if (!force && 'bundle' in prebuiltWorkflowBundle()) return false;
  log('Buntar arbetsflödena för workern …');
  const started = Date.now();
  await writeWorkflowBundle();
  log(`Arbetsflödena buntade på ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureWorkflowBundle(console.log, process.argv.includes('--force')).then(
    (built) => {
      if (!built) console.log('Arbetsflödena är redan buntade (.data/workflow-bundle.js är aktuell).');
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
