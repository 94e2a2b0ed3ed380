import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** Environment variable that points at the shared folder (conformance data) when it is not a sibling of the repo. */
export const SHARED_DIR_ENV = 'BINTWIN_SHARED_DIR';

/**
 * The shared folder (`../shared` from the repo root): here and in CI it is a sibling of the
 * clone, so it is found relative to this file; `BINTWIN_SHARED_DIR` overrides that.
 */
export function sharedDir(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env[SHARED_DIR_ENV];
  if (fromEnv) return fromEnv;
  return fileURLToPath(new URL('../../../shared/', import.meta.url));
}

/** A path inside the shared folder; throws a message naming the override when it is missing. */
export function sharedPath(...parts: string[]): string {
  const p = join(sharedDir(), ...parts);
  if (!existsSync(p)) {
    throw new Error(
      `${p} not found: the shared folder is a sibling of the repo; set ${SHARED_DIR_ENV} to move it`,
    );
  }
  return p;
}
