// Finds Debian's Chromium for the browser tests (never a test tool's own download). When it is
// missing, root installs the `chromium` package; anyone else is stopped at once with the command to run.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** What ensureChromium needs from the machine; replaced in its tests. */
export interface ChromiumHost {
  env: NodeJS.ProcessEnv;
  isRoot: boolean;
  executable(path: string): boolean;
  /** Runs a command with the output shown; throws when it fails. */
  run(command: string, args: string[], env: NodeJS.ProcessEnv): void;
  log(line: string): void;
}

const machine: ChromiumHost = {
  env: process.env,
  isRoot: process.getuid?.() === 0,
  executable(path) {
    try {
      accessSync(path, constants.X_OK);
      return statSync(path).isFile();
    } catch {
      return false;
    }
  },
  run: (command, args, env) => execFileSync(command, args, { env, stdio: 'inherit' }),
  log: console.log,
};

const installHint = (sudo: string) => `  ${sudo}apt-get update && ${sudo}apt-get install -y chromium`;

/** Path of an executable Chromium; installs Debian's package first when it is missing and we are root. */
export function ensureChromium(host: ChromiumHost = machine): string {
  const configured = host.env.CHROMIUM_PATH;
  if (configured) {
    if (host.executable(configured)) return configured;
    // Installing the package would not make this path exist: the setting itself is wrong.
    throw new Error(`CHROMIUM_PATH är ${configured}, men där finns inget körbart program. Rätta CHROMIUM_PATH, eller ta bort den och installera Debians Chromium:\n${installHint(host.isRoot ? '' : 'sudo ')}`);
  }
  if (host.executable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM;
  if (!host.isRoot) {
    throw new Error(`Webbläsartesterna behöver Chromium (${DEFAULT_CHROMIUM}), som saknas. Installera Debians paket med:\n${installHint('sudo ')}\neller peka ut en annan Chromium med CHROMIUM_PATH.`);
  }

  host.log(`Chromium saknas (${DEFAULT_CHROMIUM}): installerar Debians paket chromium med apt-get…`);
  const env = { ...host.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    try {
      host.run('apt-get', args, env);
    } catch (err) {
      throw new Error(`apt-get ${args.join(' ')} misslyckades (${(err as Error).message.split('\n')[0]}). Installera Chromium själv med:\n${installHint('')}\neller peka ut en annan Chromium med CHROMIUM_PATH.`);
    }
  }
  if (!host.executable(DEFAULT_CHROMIUM)) {
    throw new Error(`Paketet chromium installerades, men ${DEFAULT_CHROMIUM} finns ändå inte. Peka ut Chromium med CHROMIUM_PATH.`);
  }
  return DEFAULT_CHROMIUM;
}

// `npm test` runs this before vitest: a missing browser stops the run here, before any test starts.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    console.log(`Chromium: ${ensureChromium()}`);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
