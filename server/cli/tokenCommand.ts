import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Role } from '../../sim/view/protocol.ts';
import {
  readSettings,
  SETTINGS_SCHEMA_VERSION,
  SettingsFileError,
  type SettingsData,
} from '../live/settingsFile.ts';
import { findTokens, newToken, tokenId } from '../live/tokens.ts';
import { runtimeError, usageError } from './cliError.ts';
import { SERVE_DEFAULTS } from './serveOptions.ts';

const MAX_LABEL = 100;

/** The data folder the command works on: flag, then BINTWIN_DATA_DIR, then ./data (as `serve`). */
function dataDirOf(o: { dataDir?: string }, env: Record<string, string | undefined>): string {
  const dir = o.dataDir ?? env['BINTWIN_DATA_DIR'] ?? SERVE_DEFAULTS.dataDir;
  if (dir.trim() === '') throw usageError('--data-dir must not be empty');
  return resolve(dir);
}

/** Reads settings.json of a data folder; a missing file names the folder and how it comes to be. */
function load(dir: string): { file: string; data: SettingsData } {
  const file = join(dir, 'settings.json');
  if (!existsSync(file)) {
    throw runtimeError(
      `no settings file ${file}: is --data-dir (or BINTWIN_DATA_DIR) right? \`bintwin serve\` creates it on first start`,
    );
  }
  try {
    return { file, data: readSettings(file) };
  } catch (err) {
    if (err instanceof SettingsFileError) throw runtimeError(err.message);
    throw err;
  }
}

/** Writes settings.json atomically (lowdb writes a temporary file and renames it). */
async function save(file: string, data: SettingsData): Promise<void> {
  await new Low<SettingsData>(new JSONFile<SettingsData>(file), data).write();
}

/** `bintwin token create`: a new token for a role; prints it once on stdout. */
export async function tokenCreate(
  o: { role: Role; label?: string; dataDir?: string },
  env: Record<string, string | undefined> = process.env,
  now: Date = new Date(),
): Promise<number> {
  const dir = dataDirOf(o, env);
  const label = (o.label ?? `${o.role} ${now.toISOString().slice(0, 19)}Z`).trim();
  if (label === '') throw usageError('--label must not be empty');
  if (label.length > MAX_LABEL)
    throw usageError(`--label is ${label.length} characters; at most ${MAX_LABEL}`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(label)) throw usageError('--label must not contain control characters');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw runtimeError(
      `data folder ${dir} does not exist: is --data-dir (or BINTWIN_DATA_DIR) right? \`bintwin serve\` creates it`,
    );
  }
  const file = join(dir, 'settings.json');
  const data: SettingsData = existsSync(file)
    ? load(dir).data
    : { schemaVersion: SETTINGS_SCHEMA_VERSION, tokens: [] };
  const same = data.tokens.find((t) => t.label === label);
  if (same) {
    throw usageError(
      `a token labelled "${label}" exists already (id ${tokenId(same)}); choose another --label or revoke that one`,
    );
  }
  const { token, entry } = newToken(o.role, label, now);
  data.tokens.push(entry);
  await save(file, data);
  process.stdout.write(`${token}\n`);
  process.stderr.write(
    `${o.role} token "${label}" (id ${tokenId(entry)}) stored hashed in ${file}; it is shown only this once.\n`,
  );
  return 0;
}

/** `bintwin token list`: one line per token, never the token itself. */
export function tokenList(
  o: { dataDir?: string },
  env: Record<string, string | undefined> = process.env,
): number {
  const { file, data } = load(dataDirOf(o, env));
  if (data.tokens.length === 0) {
    process.stdout.write(`no tokens in ${file}\n`);
    return 0;
  }
  const rows = [
    ['ID', 'ROLE', 'CREATED', 'LABEL'],
    ...data.tokens.map((t) => [tokenId(t), t.role, t.createdAt, t.label]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) {
    process.stdout.write(
      `${r
        .slice(0, 3)
        .map((v, c) => v.padEnd(widths[c]!))
        .join('  ')}  ${r[3]}\n`,
    );
  }
  return 0;
}

/** `bintwin token revoke <id|label>`: removes exactly one token. */
export async function tokenRevoke(
  which: string,
  o: { dataDir?: string },
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const { file, data } = load(dataDirOf(o, env));
  const found = findTokens(data, which);
  if (found.length === 0) {
    throw usageError(`no token with label or id "${which}" in ${file}; \`bintwin token list\` shows them`);
  }
  if (found.length > 1) {
    throw usageError(
      `"${which}" matches ${found.length} tokens (ids ${found.map(tokenId).join(', ')}); give a longer id`,
    );
  }
  const gone = found[0]!;
  data.tokens = data.tokens.filter((t) => t !== gone);
  await save(file, data);
  process.stdout.write(`revoked ${tokenId(gone)} (${gone.role}, "${gone.label}")\n`);
  if (!data.tokens.some((t) => t.role === 'admin')) {
    process.stderr.write(
      'no admin token left: the next `bintwin serve` on this folder prints a new first-run admin token\n' +
        '(unless BINTWIN_ADMIN_TOKEN is set), or create one with `bintwin token create --role admin`.\n',
    );
  }
  return 0;
}
