import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** This folder: vendored standards test data (each subfolder has its SOURCE.txt and LICENSE). */
export const CONFORMANCE_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * A path inside test/conformance/, resolved from this file so tests find it from any cwd;
 * throws naming the path when it is missing (a vendored file was moved or not copied).
 */
export function conformancePath(...parts: string[]): string {
  const p = join(CONFORMANCE_DIR, ...parts);
  if (!existsSync(p))
    throw new Error(`${p} not found: vendored conformance data is missing from test/conformance/`);
  return p;
}
