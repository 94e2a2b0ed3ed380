import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Repository root (this file is client/e2e/harness.ts). */
export const ROOT = resolve(import.meta.dirname, '../..');
/** Where screenshots go (gitignored). */
export const ARTIFACTS = join(ROOT, 'artifacts');

/** Chromium flags for software WebGL in a container (STACK-NOTES.md). */
export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's chromium, where `.ci/run` installs it. */
export const CHROMIUM = process.env['BINTWIN_CHROMIUM'] ?? '/usr/bin/chromium';

/** True when a browser is available to run e2e tests. */
export function haveChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** Launches headless Chromium with software WebGL. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/**
 * What the built client depends on: its sources, the sim code it imports, the build config and the
 * locked dependencies. A digest of them is kept beside the build, so the e2e files (and reruns)
 * build once per change instead of once per file.
 */
function clientSourceDigest(): string {
  const h = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|html|css|json)$/.test(name) && !/\.test\.ts$/.test(name))
        h.update(p).update(readFileSync(p));
    }
  };
  for (const dir of ['client', 'sim']) walk(join(ROOT, dir));
  for (const f of ['vite.config.ts', 'package-lock.json']) h.update(f).update(readFileSync(join(ROOT, f)));
  return h.digest('hex');
}

/** Longest a client build may take. */
const BUILD_TIMEOUT_MS = 180_000;

/** Blocks this thread for `ms` (buildClient is synchronous, like the vite build it waits for). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds the client into dist/client (bounded), unless the build there is of these very sources.
 * The e2e files run two at a time, so a lock directory (mkdir is atomic) lets one of them build
 * while the other waits and then finds the build fresh; a lock older than the build's bound is
 * left over from a killed run and is taken over.
 */
export function buildClient(): void {
  const stamp = join(ROOT, 'dist/client/.source-digest');
  const digest = clientSourceDigest();
  const fresh = (): boolean => existsSync(stamp) && readFileSync(stamp, 'utf8') === digest;
  if (fresh()) return;
  const lock = join(ROOT, 'dist/.client-build-lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > BUILD_TIMEOUT_MS + 10_000)
        rmSync(lock, { recursive: true, force: true });
      else sleepSync(500);
    }
  }
  try {
    if (!fresh()) viteBuild(stamp, digest);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Runs `vite build` and stamps the output with the digest of the sources it was built from. */
function viteBuild(stamp: string, digest: string): void {
  const r = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      timeout: BUILD_TIMEOUT_MS,
    },
  );
  if (r.status !== 0) throw new Error(`vite build failed (status ${r.status}, signal ${r.signal})`);
  writeFileSync(stamp, digest);
}

/** A fresh temporary data dir for a server. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'bintwin-e2e-'));
}

/** Makes sure the artifacts folder exists and returns a path in it. */
export function artifact(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** A running `bintwin serve` child process. */
export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Output so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Options for a server start. */
export interface ServeOptions {
  dataDir: string;
  /** 0 for any free port. */
  port?: number;
  speed?: string;
  /** The scenario to serve (default demo-dc; a network such as demo-network runs every site). */
  scenario?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Starts the real server (`bintwin serve demo-dc`) and resolves when it logs the port it
 * listens on. Bounded by `timeoutMs`; a process that fails to start is killed.
 */
export function startServer(o: ServeOptions): Promise<ServerProcess> {
  const args = [
    join(ROOT, 'server/bin/bintwin.js'),
    'serve',
    o.scenario ?? 'demo-dc',
    '--port',
    String(o.port ?? 0),
    '--host',
    '127.0.0.1',
    '--data-dir',
    o.dataDir,
    '--speed',
    o.speed ?? '60',
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const stop = (graceMs = 10_000): Promise<void> =>
    new Promise((res) => {
      if (child.exitCode !== null || child.signalCode !== null) return res();
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(kill);
        res();
      });
      child.kill('SIGTERM');
    });
  return new Promise((res, rej) => {
    // A hang detector, not a speed check: two e2e files start their servers at once, and a
    // start (tsx compiling the server) took over 60 s at load 25 on two cores.
    const limit = o.timeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      void stop(1000);
      rej(new Error(`server did not start within ${limit} ms:\n${out.slice(-2000)}`));
    }, limit);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      // A network run logs "live network server on".
      const m = /"port":(\d+)[^\n]*live (?:network )?server on/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const port = Number(m[1]);
      res({ port, url: `http://127.0.0.1:${port}`, child, output: () => out, stop });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`server exited with ${code} before listening:\n${out.slice(-2000)}`));
    });
  });
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then throws `what`). */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T> | T,
  timeoutMs = 20_000,
  everyMs = 200,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v as NonNullable<T>;
      last = v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
