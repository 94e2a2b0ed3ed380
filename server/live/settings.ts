import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import type { Role } from '../../sim/view/protocol.ts';
import { readSettings, SETTINGS_SCHEMA_VERSION, settingsStamp, type SettingsData } from './settingsFile.ts';
import { newToken, tokenHash } from './tokens.ts';

export { SETTINGS_SCHEMA_VERSION, type SettingsData, type TokenEntry } from './settingsFile.ts';

/** Environment variables that grant a role with a fixed token (deployments, tests). */
export const TOKEN_ENV: Record<Role, string> = {
  admin: 'BINTWIN_ADMIN_TOKEN',
  trainer: 'BINTWIN_TRAINER_TOKEN',
  viewer: 'BINTWIN_VIEWER_TOKEN',
};

/**
 * Tokens and roles. No token means viewer (wall screens need none); a wrong token is refused.
 * settings.json may be edited while the server runs (`bintwin token create|revoke`): every check
 * first compares the file's stamp (mtime, size, inode: one stat) and re-reads it when it changed,
 * so a new token works and a revoked one stops working at the next request or handshake.
 */
export class AccessControl {
  private stamp: string;

  private constructor(
    private readonly file: string,
    private readonly db: Low<SettingsData>,
    private readonly env: Record<string, string | undefined>,
  ) {
    this.stamp = settingsStamp(file);
  }

  /** Opens settings.json (creating it when absent); throws SettingsFileError when it is bad. */
  static async open(
    file: string,
    env: Record<string, string | undefined> = process.env,
  ): Promise<AccessControl> {
    const data: SettingsData = existsSync(file)
      ? readSettings(file)
      : { schemaVersion: SETTINGS_SCHEMA_VERSION, tokens: [] };
    const db = new Low<SettingsData>(new JSONFile<SettingsData>(file), data);
    // Make sure the file exists even when nothing changed, so operators can find it.
    await db.write();
    return new AccessControl(file, db, env);
  }

  /**
   * On first run (no admin token stored, none set in the environment) creates one and returns it
   * to be printed once; null otherwise. Called only once the server is up, so a start that fails
   * never stores a token nobody saw.
   */
  async ensureAdminToken(): Promise<string | null> {
    this.refresh();
    if (this.db.data.tokens.some((t) => t.role === 'admin') || this.env[TOKEN_ENV.admin]) return null;
    return this.createToken('admin', 'first-run admin');
  }

  /** Creates a random token for a role, stores its hash and returns the token (shown once). */
  async createToken(role: Role, label: string): Promise<string> {
    this.refresh();
    const { token, entry } = newToken(role, label, new Date());
    this.db.data.tokens.push(entry);
    await this.db.write();
    this.stamp = settingsStamp(this.file);
    return token;
  }

  /** The role a handshake token grants: viewer without one, null when it matches nothing. */
  roleOf(token: unknown): Role | null {
    if (token === undefined || token === null || token === '') return 'viewer';
    if (typeof token !== 'string') return null;
    // Most powerful first, so a token configured twice grants the higher role.
    for (const role of ['admin', 'trainer', 'viewer'] as const) {
      const fixed = this.env[TOKEN_ENV[role]];
      if (fixed && safeEqual(fixed, token)) return role;
    }
    this.refresh();
    const h = tokenHash(token);
    let best: Role | null = null;
    for (const t of this.db.data.tokens) {
      if (safeEqual(t.sha256, h) && (best === null || rank(t.role) > rank(best))) best = t.role;
    }
    return best;
  }

  /**
   * Re-reads settings.json when someone else rewrote it. A file that does not parse (a hand edit
   * gone wrong) keeps the tokens last read and is tried again at the next check.
   */
  private refresh(): void {
    const stamp = settingsStamp(this.file);
    if (stamp === this.stamp || stamp === '') return;
    try {
      this.db.data = readSettings(this.file);
      this.stamp = stamp;
    } catch {
      // Keep serving with the last good tokens; the stamp stays old so the next check retries.
    }
  }
}

const rank = (r: Role): number => (r === 'admin' ? 2 : r === 'trainer' ? 1 : 0);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
