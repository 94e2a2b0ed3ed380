import { isAbsolute, relative } from 'node:path';

/** A path as the user would type it: relative to the cwd when inside it, absolute otherwise. */
export function displayPath(p: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, p);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}
