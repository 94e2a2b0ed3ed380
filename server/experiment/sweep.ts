/**
 * Sweeps: every combination of the factors' values (full factorial), each applied to a copy of
 * the base document by setting one field per factor.
 */

/** One point of the sweep: the value each factor takes. */
export interface SweepPoint {
  name: string;
  settings: { path: string; value: unknown }[];
}

/** All combinations, first factor varying slowest; names read `counting.policy=abc,workers.0.count=8`. */
export function sweepPoints(factors: readonly { path: string; values: readonly unknown[] }[]): SweepPoint[] {
  let points: { path: string; value: unknown }[][] = [[]];
  for (const f of factors)
    points = points.flatMap((p) => f.values.map((value) => [...p, { path: f.path, value }]));
  return points.map((settings) => ({
    name: settings
      .map((s) => `${s.path}=${typeof s.value === 'string' ? s.value : JSON.stringify(s.value)}`)
      .join(','),
    settings,
  }));
}

/**
 * Sets `path` in a deep copy of `doc`. Missing objects on the way are created (a sweep may switch
 * on a block the base leaves out); a number indexes an existing array element, so a typo in an
 * index is an error rather than a silently grown list.
 */
export function setPath(doc: unknown, path: string, value: unknown): unknown {
  const root = structuredClone(doc);
  const keys = path.split('.');
  let node: unknown = root;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const at = keys.slice(0, i).join('.') || '(top)';
    if (Array.isArray(node)) {
      const idx = Number(key);
      if (!Number.isInteger(idx) || idx < 0 || idx >= node.length)
        throw new Error(`${path}: ${at} is a list of ${node.length}; "${key}" is not an index in it`);
      if (last) node[idx] = value;
      else node = node[idx];
    } else if (typeof node === 'object' && node !== null) {
      const obj = node as Record<string, unknown>;
      if (last) obj[key] = value;
      else {
        if (obj[key] === undefined) obj[key] = {};
        node = obj[key];
      }
    } else {
      throw new Error(`${path}: ${at} is ${JSON.stringify(node)}, not an object or list`);
    }
  });
  return root;
}
