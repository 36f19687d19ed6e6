// Bundles the case workflows once (webpack, via the SDK's bundleWorkflowCode) into .data/, so the worker
// starts without bundling. The worker uses the file only while it matches workflows/, domain/ and
// package-lock.json as they are; otherwise it bundles at start as before.
// Run: `tsx scripts/bundle-workflows.ts` (`--force` rebuilds a current bundle).
import { pathToFileURL } from 'node:url';
import { prebuiltWorkflowBundle, writeWorkflowBundle } from '../worker/create-worker.js';

/** Writes the bundle when it is missing or stale; true if it did. */
async function ensureWorkflowBundle(force: boolean): Promise<boolean> {
  if (!force && 'bundle' in prebuiltWorkflowBundle()) return false;
  const started = Date.now();
  const file = await writeWorkflowBundle();
  console.log(`Workflow bundle written to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureWorkflowBundle(process.argv.includes('--force')).then(
    (built) => {
      if (!built) console.log('Workflow bundle is up to date (.data/workflow-bundle.js).');
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
