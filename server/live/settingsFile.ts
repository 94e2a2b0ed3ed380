import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { ROLES } from '../../sim/view/protocol.ts';

/** Schema version of settings.json. */
export const SETTINGS_SCHEMA_VERSION = 1;

/** One stored access token: only its hash is kept, so a leaked settings file grants nothing. */
export const tokenEntrySchema = z.object({
  role: z.enum(ROLES),
  label: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  createdAt: z.string(),
});

/** The content of settings.json. */
export const settingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  tokens: z.array(tokenEntrySchema),
});

/** A stored access token (role, label, hash, creation time). */
export type TokenEntry = z.infer<typeof tokenEntrySchema>;
/** The content of settings.json. */
export type SettingsData = z.infer<typeof settingsSchema>;

/** settings.json is unreadable or not what bintwin writes; the message names the file and the field. */
export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';
}

/** Checks parsed settings.json content; throws naming the file and the first wrong field. */
export function checkSettings(file: string, data: unknown): SettingsData {
  const r = settingsSchema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new SettingsFileError(`${file}${where}: ${issue?.message ?? 'invalid settings'}`);
}

/** Reads and checks settings.json; throws a SettingsFileError for bad JSON or content. */
export function readSettings(file: string): SettingsData {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SettingsFileError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return checkSettings(file, parsed);
}

/** What identifies one version of the file on disk (changes when anyone rewrites it); '' when absent. */
export function settingsStamp(file: string): string {
  try {
    const s = statSync(file, { bigint: true });
    return `${s.mtimeNs}:${s.size}:${s.ino}`;
  } catch {
    return '';
  }
}
