// Child processes of the development scripts: start one and wait until it is ready, stop one and wait.
import { type ChildProcess, spawn } from 'node:child_process';

/** Starts `node --import tsx file` and resolves once its output contains `ready`. */
export function startProcess(file: string, env: NodeJS.ProcessEnv, ready: string, timeoutMs = 60_000): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${file} not ready after ${timeoutMs} ms`)), timeoutMs);
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (seen.includes(ready)) return;
      seen += chunk.toString();
      if (seen.includes(ready)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with code ${code}`));
    });
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
