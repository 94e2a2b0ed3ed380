import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Test support for the crash tests (`kill -9`, fault hooks): a real `bintwin serve` in a child
// process, so a SIGKILL hits a whole server, not a part of the test runner.

/** The CLI shim the child runs. */
const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));

/** A started child server: the process, its port and its base URL. */
export interface ChildServer {
  child: ChildProcess;
  port: number;
  base: string;
  /** Everything the child printed so far (stdout and stderr: its JSON log lines). */
  output(): string;
}

/**
 * Starts `bintwin serve <args>` on a free loopback port and resolves once it listens (its log
 * names the port). `env` is added to the test's environment; NODE_ENV is production because
 * lowdb keeps runs.json and devices.json in memory under NODE_ENV=test (vitest sets it), and a
 * restart must find them on disk. The child is pushed to `children`, for the caller's afterAll.
 */
export function startChildServer(
  args: readonly string[],
  env: Record<string, string>,
  children: ChildProcess[],
  timeoutMs = 60_000,
): Promise<ChildServer> {
  const argv = [BIN, 'serve', ...args, '--port', '0', '--host', '127.0.0.1'];
  const child = spawn(process.execPath, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', ...env },
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), timeoutMs);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const port = Number(m[1]);
        resolve({ child, port, base: `http://127.0.0.1:${port}`, output: () => out });
      }
    });
    child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

/** Kills every child still running (for afterAll). */
export function killChildren(children: readonly ChildProcess[]): void {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
}

/**
 * demo-dc with orders from the first minute (Poisson, 400 an hour), named `busy-dc`, so an hour
 * of sim time is busy and a journal grows steadily; the crash tests write it into their data
 * folder's scenarios.
 */
export function busyDemoDc(): Record<string, unknown> {
  const demo = JSON.parse(
    readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown> & { demand: Record<string, unknown> };
  return {
    ...demo,
    name: 'busy-dc',
    demand: { ...demo.demand, arrivals: { kind: 'poisson', ratePerHour: 400 } },
  };
}
