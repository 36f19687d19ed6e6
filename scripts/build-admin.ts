// Builds the back office (admin/dist) with Vite when its sources are newer than the build.
// `npm start` and the test setup call ensureAdminBuilt(); `tsx scripts/build-admin.ts` runs it directly.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const adminDir = join(root, 'admin');
const configFile = join(adminDir, 'vite.config.ts');
const builtIndex = join(adminDir, 'dist', 'index.html');

/** What the build reads: the app's sources, its page, its config. Tests do not count. */
const SOURCES = [join(adminDir, 'src'), join(adminDir, 'index.html'), configFile];

function newestSourceMtime(path: string): number {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestSourceMtime(join(path, entry)));
  return newest;
}

/** Why a build is needed, or null when admin/dist is up to date. */
export function adminBuildReason(): string | null {
  const built = statSync(builtIndex, { throwIfNoEntry: false });
  if (!built) return 'admin/dist saknas';
  const newest = Math.max(...SOURCES.map(newestSourceMtime));
  return newest > built.mtimeMs ? 'källkoden i admin/ är ändrad sedan senaste bygget' : null;
}

/** Runs the Vite build in this process when admin/dist is missing or stale; true if it built. */
export async function ensureAdminBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  const reason = adminBuildReason();
  if (!reason) return false;
  log(`Bygger back office (${reason}) …`);
  const started = Date.now();
  // Loaded lazily: vite is a dev dependency and heavy to import when nothing needs building.
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn' });
  log(`Back office byggt på ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureAdminBuilt().then(
    (built) => {
      if (!built) console.log('Back office är redan byggt (admin/dist är aktuellt).');
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
