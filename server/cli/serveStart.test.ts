import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tokenHash } from '../live/tokens.ts';

// `bintwin serve` as users start it: a child process through the bin shim. A start that fails
// must end by itself (the bound below is a hang guard, not a speed claim) with one stderr line.
const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bintwin-start-'));
const blockers: Server[] = [];
// Killed at the end whatever happened, so a failed assertion leaves no server behind.
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const b of blockers) b.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the guard had to kill it: the process stayed alive after failing. */
  hung: boolean;
}

/** Runs `bintwin serve args...` until it exits by itself, or kills it after `guardMs`. */
function serve(args: string[], guardMs = 45_000): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'serve', ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      // lowdb keeps JSON files in memory under NODE_ENV=test (vitest sets it): read real files.
      env: { ...process.env, NODE_ENV: 'production', BINTWIN_ADMIN_TOKEN: '', BINTWIN_LOG_LEVEL: 'warn' },
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, guardMs);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, hung });
    });
  });
}

/** A port on loopback that something else holds. */
async function takenPort(): Promise<number> {
  const s = createServer();
  blockers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return (s.address() as { port: number }).port;
}

function expectOneLineFailure(r: Outcome, pattern: RegExp): void {
  expect(r.hung).toBe(false);
  expect(r.code).not.toBe(0);
  expect(r.code).not.toBeNull();
  expect(r.stderr).toMatch(/^bintwin: [^\n]+\n$/);
  expect(r.stderr).toMatch(pattern);
}

describe('bintwin serve: a start that fails ends with one line', () => {
  it('an unknown scenario', async () => {
    const r = await serve(['no-such-site', '--port', '0', '--data-dir', join(dir, 'a')]);
    expectOneLineFailure(r, /unknown scenario "no-such-site"/);
    expect(r.code).toBe(2);
  });

  it('a bad flag value and an unknown flag', async () => {
    const bad = await serve(['demo-dc', '--port', 'http', '--data-dir', join(dir, 'b')]);
    expectOneLineFailure(bad, /--port must be a port number/);
    expect(bad.code).toBe(2);
    const unknown = await serve(['demo-dc', '--prot', '8080']);
    expectOneLineFailure(unknown, /unknown option '--prot'/);
    expect(unknown.code).toBe(2);
  });

  it('a taken port, without storing a first-run admin token nobody saw', async () => {
    const port = await takenPort();
    const data = join(dir, 'c');
    const r = await serve(['demo-dc', '--port', String(port), '--host', '127.0.0.1', '--data-dir', data]);
    expectOneLineFailure(r, new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    expect(r.stdout).not.toContain('admin token');
    const settings = JSON.parse(readFileSync(join(data, 'settings.json'), 'utf8')) as { tokens: unknown[] };
    expect(settings.tokens).toEqual([]);
  });

  it('a bad file in the data folder found after the run has started (exits, does not linger)', async () => {
    const data = join(dir, 'd');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'devices.json'), '{ not json');
    const r = await serve(['demo-dc', '--port', '0', '--host', '127.0.0.1', '--data-dir', data]);
    expectOneLineFailure(r, /^bintwin: cannot start: \S*devices\.json: /);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('admin token');
  });

  it('a data folder that is a file', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const r = await serve(['demo-dc', '--port', '0', '--data-dir', file]);
    expectOneLineFailure(r, /cannot start: .*not a directory/);
  });

  it('prints a first-run admin token that works and is stored only as its hash', async () => {
    const data = join(dir, 'e');
    const child = spawn(
      process.execPath,
      [BIN, 'serve', 'demo-dc', '--port', '0', '--host', '127.0.0.1', '--data-dir', data, '--paused'],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production', BINTWIN_ADMIN_TOKEN: '' },
      },
    );
    children.push(child);
    let out = '';
    // The log line (pino, asynchronous) and the token line (stdout) may arrive in either order.
    const { token, port } = await new Promise<{ token: string; port: number }>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`no token printed: ${out}`)), 60_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /First run: admin token (\S+)\n/.exec(out);
        const p = /"port":(\d+).*live server on http:\/\//.exec(out);
        if (m && p) {
          clearTimeout(guard);
          resolve({ token: m[1]!, port: Number(p[1]) });
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    const settings = readFileSync(join(data, 'settings.json'), 'utf8');
    expect(settings).not.toContain(token);
    expect(settings).toContain(tokenHash(token));
    const devices = (t: string): Promise<number> =>
      fetch(`http://127.0.0.1:${port}/api/devices`, { headers: { authorization: `Bearer ${t}` } }).then(
        (r) => r.status,
      );
    expect(await devices(token)).toBe(200);
    expect(await devices(`${token}x`)).toBe(401);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('bintwin serve: a checkpoint it cannot trust', () => {
  /** Starts `serve` on a data folder until its server is up, then stops it (SIGTERM). */
  async function serveOnceUp(data: string, extra: string[] = []): Promise<string> {
    const child = spawn(
      process.execPath,
      [
        BIN,
        'serve',
        'demo-dc',
        '--port',
        '0',
        '--host',
        '127.0.0.1',
        '--data-dir',
        data,
        '--paused',
        ...extra,
      ],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_ENV: 'production', BINTWIN_ADMIN_TOKEN: '', BINTWIN_LOG_LEVEL: 'info' },
      },
    );
    children.push(child);
    let out = '';
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await new Promise<void>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`never came up: ${out}`)), 60_000);
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (/live server on http:\/\//.test(out)) {
          clearTimeout(guard);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`exited early: ${out}`)));
    });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    return out;
  }

  /** The one run folder of a data folder's runs/. */
  function runDirOf(data: string): string {
    const index = JSON.parse(readFileSync(join(data, 'runs.json'), 'utf8')) as {
      runs: { id: string }[];
      current: string | null;
    };
    return join(data, 'runs', index.current ?? index.runs[0]!.id);
  }

  it('a wrong-typed field or a truncated file: one line naming the file and the field; --new-run starts afresh', async () => {
    const data = join(dir, 'cp');
    await serveOnceUp(data);
    const runDir = runDirOf(data);
    const file = join(runDir, 'checkpoint.json');
    const good = readFileSync(file, 'utf8');
    const cp = JSON.parse(good) as { engine: { workers: Record<string, unknown>[] } };
    cp.engine.workers[1]!.speedFactor = 'fast';
    writeFileSync(file, JSON.stringify(cp));
    const typed = await serve(['demo-dc', '--port', '0', '--host', '127.0.0.1', '--data-dir', data]);
    expectOneLineFailure(typed, /checkpoint\.json: engine\.workers\[1\]\.speedFactor: .*expected number/);
    expect(typed.code).toBe(1);
    // The refused checkpoint is left as it was (nothing cut, nothing rewritten).
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(cp);

    writeFileSync(file, good.slice(0, good.length >> 1));
    const torn = await serve(['demo-dc', '--port', '0', '--host', '127.0.0.1', '--data-dir', data]);
    expectOneLineFailure(torn, /checkpoint\.json: not valid JSON \(truncated or edited\?\).*--new-run/);

    const fresh = await serveOnceUp(data, ['--new-run']);
    expect(fresh).toMatch(/new run/);
    expect(runDirOf(data)).not.toBe(runDir);
  });
});
