import { describe, expect, it } from 'vitest';
import { type ChromiumHost, DEFAULT_CHROMIUM, ensureChromium } from './chromium.js';

/** A machine with the given executables; apt-get install adds Chromium unless `installFails`. */
function host(o: { env?: NodeJS.ProcessEnv; isRoot?: boolean; present?: string[]; installFails?: boolean; installLeavesNothing?: boolean }) {
  const present = new Set(o.present ?? []);
  const runs: string[] = [];
  const h: ChromiumHost = {
    env: o.env ?? {},
    isRoot: o.isRoot ?? false,
    executable: (p) => present.has(p),
    run(command, args, env) {
      runs.push(`${env.DEBIAN_FRONTEND} ${command} ${args.join(' ')}`);
      if (args[0] !== 'install') return;
      if (o.installFails) throw new Error('Command failed: apt-get install -y chromium\nE: Unable to locate package chromium');
      if (!o.installLeavesNothing) present.add(DEFAULT_CHROMIUM);
    },
    log() {},
  };
  return { h, runs };
}

describe('ensureChromium', () => {
  it('uses /usr/bin/chromium when it is there, installing nothing', () => {
    const { h, runs } = host({ isRoot: true, present: [DEFAULT_CHROMIUM] });
    expect(ensureChromium(h)).toBe(DEFAULT_CHROMIUM);
    expect(runs).toEqual([]);
  });

  it('prefers CHROMIUM_PATH', () => {
    const { h } = host({ env: { CHROMIUM_PATH: '/opt/chromium/chrome' }, present: ['/opt/chromium/chrome', DEFAULT_CHROMIUM] });
    expect(ensureChromium(h)).toBe('/opt/chromium/chrome');
  });

  it('stops on a CHROMIUM_PATH that is not there, even as root, without installing', () => {
    const { h, runs } = host({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, isRoot: true, present: [DEFAULT_CHROMIUM] });
    expect(() => ensureChromium(h)).toThrow('CHROMIUM_PATH är /nowhere/chrome, men där finns inget körbart program');
    expect(runs).toEqual([]);
  });

  it('as root installs Debian’s package, non-interactively', () => {
    const { h, runs } = host({ isRoot: true });
    expect(ensureChromium(h)).toBe(DEFAULT_CHROMIUM);
    expect(runs).toEqual(['noninteractive apt-get update', 'noninteractive apt-get install -y chromium']);
  });

  it('as anyone else stops at once with the exact command to run', () => {
    const { h, runs } = host({});
    expect(() => ensureChromium(h)).toThrow('  sudo apt-get update && sudo apt-get install -y chromium\n');
    expect(runs).toEqual([]);
  });

  it('stops with the command when apt-get fails', () => {
    const { h } = host({ isRoot: true, installFails: true });
    expect(() => ensureChromium(h)).toThrow(/^apt-get install -y chromium misslyckades \(Command failed: apt-get install -y chromium\)\. .*\n  apt-get update && apt-get install -y chromium\n/);
  });

  it('stops when the package did not bring /usr/bin/chromium', () => {
    const { h } = host({ isRoot: true, installLeavesNothing: true });
    expect(() => ensureChromium(h)).toThrow('men /usr/bin/chromium finns ändå inte');
  });
});
