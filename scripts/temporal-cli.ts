// Finds the Temporal CLI, building it with Go once into a user-level cache that every clone reuses.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'kundportal', `temporal-${TEMPORAL_CLI_VERSION}`);
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function findGo(): string {
  const go = onPath('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined);
  if (!go) throw new Error('The Temporal CLI is missing and no Go toolchain was found to build it (set TEMPORAL_CLI).');
  return go;
}

/** Path of a working `temporal` executable; builds it on first use (takes minutes, once). */
export function ensureTemporalCli(log: (line: string) => void = console.log): string {
  if (process.env.TEMPORAL_CLI) return process.env.TEMPORAL_CLI;
  const cached = join(cacheDir(), 'temporal');
  if (existsSync(cached)) return cached;
  const found = onPath('temporal');
  if (found) return found;

  const dir = cacheDir();
  const gobin = join(dir, 'build');
  mkdirSync(gobin, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir} (first time only, a few minutes)…`);
  execFileSync(findGo(), ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: gobin, GOFLAGS: '-mod=mod' },
    stdio: 'inherit',
  });
  renameSync(join(gobin, 'temporal'), cached);
  return cached;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(ensureTemporalCli());
}
