/**
 * Scenario variants: a file may say `"extends": "demo-dc"` (a shipped name, or a path relative to
 * the file) and give only what differs — a policy pair then differs in exactly one visible block.
 * Objects merge key by key; arrays and plain values replace. Chains are followed; cycles are errors.
 */

/** Reads the raw JSON of a base scenario by name or path, relative to the file that extends it. */
export type BaseReader = (ref: string, from: string) => { data: unknown; source: string };

/** A problem resolving `extends`. */
export class ExtendsError extends Error {
  override readonly name = 'ExtendsError';
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Deep merge: `over` wins; objects merge recursively, everything else replaces. */
export function mergeScenario(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? mergeScenario(base[k], v) : v;
  return out;
}

/** Resolves the `extends` chain of raw scenario data into one document without `extends`. */
export function resolveExtends(
  data: unknown,
  source: string,
  read: BaseReader,
  seen: string[] = [],
): unknown {
  if (!isPlainObject(data) || data['extends'] === undefined) return data;
  const ref = data['extends'];
  if (typeof ref !== 'string' || ref === '')
    throw new ExtendsError(`extends: must be a scenario name or path, got ${JSON.stringify(ref)}`);
  const chain = [...seen, source];
  const base = read(ref, source);
  if (chain.includes(base.source))
    throw new ExtendsError(`extends: cycle ${[...chain, base.source].join(' → ')}`);
  const resolvedBase = resolveExtends(base.data, base.source, read, chain);
  const own: Record<string, unknown> = { ...data };
  delete own['extends'];
  const merged = mergeScenario(resolvedBase, own) as Record<string, unknown>;
  // A variant is its own scenario: it never inherits the base's identity.
  if (own['description'] === undefined)
    merged['description'] =
      `${String((resolvedBase as Record<string, unknown>)['description'] ?? '')} (variant)`;
  return merged;
}
