import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { JSONFilePreset } from 'lowdb/node';
import type { Low } from 'lowdb';
import type { Role } from '../../sim/view/protocol.ts';

/** Schema version of settings.json. */
export const SETTINGS_SCHEMA_VERSION = 1;

/** A stored access token: only its hash is kept, so a leaked settings file grants nothing. */
export interface TokenEntry {
  role: Role;
  label: string;
  sha256: string;
  createdAt: string;
}

/** The content of settings.json. */
export interface SettingsData {
  schemaVersion: number;
  tokens: TokenEntry[];
}

/** Environment variables that grant a role with a fixed token (deployments, tests). */
export const TOKEN_ENV: Record<Role, string> = {
  admin: 'BINTWIN_ADMIN_TOKEN',
  trainer: 'BINTWIN_TRAINER_TOKEN',
  viewer: 'BINTWIN_VIEWER_TOKEN',
};

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** Tokens and roles. No token means viewer (wall screens need none); a wrong token is refused. */
export class AccessControl {
  private constructor(
    private readonly db: Low<SettingsData>,
    private readonly env: Record<string, string | undefined>,
  ) {}

  /**
   * Opens settings.json. On first run, when no admin token exists and none is set in the
   * environment, creates one and returns it in `newAdminToken` to be printed once.
   */
  static async open(
    file: string,
    env: Record<string, string | undefined> = process.env,
  ): Promise<{ access: AccessControl; newAdminToken: string | null }> {
    const db = await JSONFilePreset<SettingsData>(file, {
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      tokens: [],
    });
    if (db.data.schemaVersion !== SETTINGS_SCHEMA_VERSION) {
      throw new Error(
        `${file}: schemaVersion ${String(db.data.schemaVersion)} is not ${SETTINGS_SCHEMA_VERSION}`,
      );
    }
    const access = new AccessControl(db, env);
    let newAdminToken: string | null = null;
    if (!db.data.tokens.some((t) => t.role === 'admin') && !env[TOKEN_ENV.admin]) {
      newAdminToken = await access.createToken('admin', 'first-run admin');
    } else {
      // Make sure the file exists even when nothing changed, so operators can find it.
      await db.write();
    }
    return { access, newAdminToken };
  }

  /** Creates a random token for a role, stores its hash and returns the token (shown once). */
  async createToken(role: Role, label: string): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    this.db.data.tokens.push({ role, label, sha256: sha256(token), createdAt: new Date().toISOString() });
    await this.db.write();
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
    const h = sha256(token);
    let best: Role | null = null;
    for (const t of this.db.data.tokens) {
      if (safeEqual(t.sha256, h) && (best === null || rank(t.role) > rank(best))) best = t.role;
    }
    return best;
  }
}

const rank = (r: Role): number => (r === 'admin' ? 2 : r === 'trainer' ? 1 : 0);

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
