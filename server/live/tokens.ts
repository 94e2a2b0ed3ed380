import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../../sim/view/protocol.ts';
import type { SettingsData, TokenEntry } from './settingsFile.ts';

/** Hex digits of a token's hash shown as its id: enough to tell tokens apart, useless to log in. */
export const TOKEN_ID_LENGTH = 8;

/** SHA-256 of a token, as stored in settings.json. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The id `bintwin token list` shows and `revoke` accepts: a prefix of the stored hash. */
export const tokenId = (t: TokenEntry): string => t.sha256.slice(0, TOKEN_ID_LENGTH);

/** A new random token for a role and its stored entry (the token itself is never stored). */
export function newToken(role: Role, label: string, now: Date): { token: string; entry: TokenEntry } {
  const token = randomBytes(24).toString('base64url');
  return { token, entry: { role, label, sha256: tokenHash(token), createdAt: now.toISOString() } };
}

/**
 * The tokens `which` names: a label (exact) or an id (a hash prefix of at least 4 digits).
 * Labels win, so a label that looks like hex still means the label.
 */
export function findTokens(data: SettingsData, which: string): TokenEntry[] {
  const byLabel = data.tokens.filter((t) => t.label === which);
  if (byLabel.length > 0) return byLabel;
  if (/^[0-9a-f]{4,64}$/.test(which)) return data.tokens.filter((t) => t.sha256.startsWith(which));
  return [];
}
