import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccessControl } from '../live/settings.ts';
import { tokenHash } from '../live/tokens.ts';
import { runCli } from './program.ts';

// The token commands through the real commander program (runCli), output captured.
const root = mkdtempSync(join(tmpdir(), 'bintwin-token-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (s: string | Uint8Array) => ((out += String(s)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (s: string | Uint8Array) => ((err += String(s)), true),
  );
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['BINTWIN_DATA_DIR'];
});

/** Runs `bintwin args...` in-process; returns exit code and what it printed. */
async function bintwin(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  out = '';
  err = '';
  const code = await runCli(args);
  return { code, out, err };
}

let n = 0;
function freshDataDir(): string {
  const d = join(root, `d${++n}`);
  mkdirSync(d);
  return d;
}

describe('bintwin token', () => {
  it('creates a token, prints it once, stores only its hash', async () => {
    const d = freshDataDir();
    const r = await bintwin('token', 'create', '--role', 'trainer', '--label', 'floor lead', '--data-dir', d);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^[A-Za-z0-9_-]{32}\n$/);
    const token = r.out.trim();
    expect(r.err).toContain('trainer token "floor lead"');
    const file = readFileSync(join(d, 'settings.json'), 'utf8');
    expect(file).not.toContain(token);
    expect(file).toContain(tokenHash(token));
    const list = await bintwin('token', 'list', '--data-dir', d);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(token);
    expect(list.out.split('\n')[0]).toMatch(/^ID\s+ROLE\s+CREATED\s+LABEL$/);
    expect(list.out).toMatch(
      new RegExp(`^${tokenHash(token).slice(0, 8)}\\s+trainer\\s+\\S+Z\\s+floor lead$`, 'm'),
    );
  });

  it('revokes by label and by id prefix; refuses unknown and ambiguous names', async () => {
    const d = freshDataDir();
    const a = (
      await bintwin('token', 'create', '--role', 'admin', '--label', 'a', '--data-dir', d)
    ).out.trim();
    const b = (
      await bintwin('token', 'create', '--role', 'viewer', '--label', 'wall', '--data-dir', d)
    ).out.trim();
    expect((await bintwin('token', 'revoke', 'wall', '--data-dir', d)).code).toBe(0);
    expect(out).toBe(`revoked ${tokenHash(b).slice(0, 8)} (viewer, "wall")\n`);
    const none = await bintwin('token', 'revoke', 'wall', '--data-dir', d);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^bintwin: no token with label or id "wall" in \S+settings\.json; [^\n]+\n$/);
    const byId = await bintwin('token', 'revoke', tokenHash(a).slice(0, 6), '--data-dir', d);
    expect(byId.code).toBe(0);
    expect(byId.err).toContain('no admin token left');
    expect((await bintwin('token', 'list', '--data-dir', d)).out).toMatch(/^no tokens in /);
    // Labels stay unique, so revoking by label is never ambiguous.
    await bintwin('token', 'create', '--role', 'viewer', '--label', 'x', '--data-dir', d);
    const dup = await bintwin('token', 'create', '--role', 'admin', '--label', 'x', '--data-dir', d);
    expect(dup.code).toBe(2);
    expect(dup.err).toMatch(/^bintwin: a token labelled "x" exists already \(id [0-9a-f]{8}\)/);
  });

  it('says what is wrong in one line: role, data folder, settings file', async () => {
    const d = freshDataDir();
    const role = await bintwin('token', 'create', '--role', 'boss', '--data-dir', d);
    expect(role.code).toBe(2);
    expect(role.err).toMatch(
      /^bintwin: option '--role <role>' argument 'boss' is invalid\. Allowed choices are viewer, trainer, admin\.\n$/,
    );
    const noRole = await bintwin('token', 'create', '--data-dir', d);
    expect(noRole.code).toBe(2);
    expect(noRole.err).toMatch(/required option '--role <role>' not specified/);
    const missing = await bintwin('token', 'list', '--data-dir', join(d, 'nope'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^bintwin: no settings file \S+nope\/settings\.json: is --data-dir/);
    const noDir = await bintwin('token', 'create', '--role', 'admin', '--data-dir', join(d, 'nope'));
    expect(noDir.code).toBe(1);
    expect(noDir.err).toMatch(/^bintwin: data folder \S+nope does not exist/);
    writeFileSync(join(d, 'settings.json'), JSON.stringify({ schemaVersion: 1, tokens: [{ role: 'god' }] }));
    const bad = await bintwin('token', 'list', '--data-dir', d);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^bintwin: \S+settings\.json at tokens\.0\.role: [^\n]+\n$/);
  });

  it('uses BINTWIN_DATA_DIR when --data-dir is not given', async () => {
    const d = freshDataDir();
    process.env['BINTWIN_DATA_DIR'] = d;
    expect((await bintwin('token', 'create', '--role', 'viewer', '--label', 'env')).code).toBe(0);
    expect(readFileSync(join(d, 'settings.json'), 'utf8')).toContain('"label": "env"');
  });

  it('has help for each subcommand', async () => {
    for (const sub of ['create', 'list', 'revoke']) {
      const r = await bintwin('token', sub, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: bintwin token ${sub}`);
      expect(r.out).toContain('--data-dir <dir>');
    }
  });

  it('a running server notices tokens created and revoked on its data folder', async () => {
    const d = freshDataDir();
    const access = await AccessControl.open(join(d, 'settings.json'), {});
    const t = (
      await bintwin('token', 'create', '--role', 'trainer', '--label', 'live', '--data-dir', d)
    ).out.trim();
    expect(access.roleOf(t)).toBe('trainer');
    expect((await bintwin('token', 'revoke', 'live', '--data-dir', d)).code).toBe(0);
    expect(access.roleOf(t)).toBeNull();
    // A first-run admin token made by the server afterwards keeps what the CLI wrote.
    await bintwin('token', 'create', '--role', 'viewer', '--label', 'kept', '--data-dir', d);
    const admin = await access.ensureAdminToken();
    expect(admin).not.toBeNull();
    expect(access.roleOf(admin)).toBe('admin');
    expect((await bintwin('token', 'list', '--data-dir', d)).out).toMatch(/viewer .* kept\n/);
    expect(await access.ensureAdminToken()).toBeNull();
  });
});
