import type { z } from 'zod';

/** One configuration option found in a schema: where it sits and every value it accepts. */
export interface SchemaOption {
  /** Dotted path from the root; `[]` marks "each element of an array", `{}` "each value of a record". */
  path: string;
  /** `enum` (z.enum or a union of literals) or `boolean`. */
  kind: 'enum' | 'boolean';
  values: (string | number | boolean)[];
}

/** The bits of zod 4's internal definition the walker reads (stable across 4.x: `_zod.def`). */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  values?: unknown[];
  options?: z.ZodType[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
}

function defOf(s: z.ZodType): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** Wrappers whose inner schema accepts the same options (defaults, optionality, readonly …). */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'nonoptional', 'readonly', 'catch']);

/**
 * The walk both option finders share: objects, wrappers, arrays (`[]`), records (`{}`), unions,
 * pipes and lazy schemas, each node offered to `leaf` first; `leaf` returns true when it took the
 * node (an option), so the walk does not enter it. Opaque schemas are not entered.
 */
function walkSchema(root: z.ZodType, leaf: (s: z.ZodType, d: Def, path: string) => boolean): void {
  const seen = new Set<z.ZodType>();
  const walk = (s: z.ZodType, path: string): void => {
    const d = defOf(s);
    if (leaf(s, d, path)) return;
    // Guard recursive schemas (z.lazy): each schema object is entered once per path prefix.
    if (seen.has(s) && d.type === 'lazy') return;
    seen.add(s);
    const join = (k: string): string => (path === '' ? k : `${path}.${k}`);
    if (d.type === 'object') for (const [k, v] of Object.entries(d.shape ?? {})) walk(v, join(k));
    else if (WRAPPERS.has(d.type) && d.innerType) walk(d.innerType, path);
    else if (d.type === 'array' && d.element) walk(d.element, join('[]'));
    else if (d.type === 'record' && d.valueType) walk(d.valueType, join('{}'));
    else if (d.type === 'union' && d.options) for (const o of d.options) walk(o, path);
    else if (d.type === 'pipe') {
      if (d.in) walk(d.in, path);
      if (d.out) walk(d.out, path);
    } else if (d.type === 'lazy' && d.getter) walk(d.getter(), path);
  };
  walk(root, '');
}

/**
 * Every enum and boolean option a zod 4 schema accepts, found by walking the schema object
 * itself (objects, wrappers, arrays, records, unions, pipes), so an option added to the schema
 * shows up here without anyone listing it. A single literal (a discriminator such as a
 * distribution's `kind`, or `schemaVersion`) is not an option: it has one value. Opaque
 * schemas (`z.unknown().transform(…)`, as the layout and item specs are) are not entered:
 * their shape is checked in code, not declared. Paths are sorted and unique.
 */
export function schemaOptions(root: z.ZodType): SchemaOption[] {
  const out = new Map<string, SchemaOption>();
  walkSchema(root, (s, d, path) => {
    const add = (kind: SchemaOption['kind'], values: SchemaOption['values']): void => {
      const prev = out.get(path);
      const all = [...new Set([...(prev?.values ?? []), ...values])];
      out.set(path, { path, kind, values: all });
    };
    if (d.type === 'enum') {
      add('enum', Object.values(d.entries ?? {}));
      return true;
    }
    if (d.type === 'boolean') {
      add('boolean', [true, false]);
      return true;
    }
    if (d.type === 'union' && d.options && d.options.every((o) => literalValues(o) !== null)) {
      const vals = d.options.flatMap((o) => literalValues(o)!);
      if (vals.length > 1) add('enum', vals as SchemaOption['values']);
      return true;
    }
    return false;
  });
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The values of a literal schema (behind wrappers), or null when it is not one. */
function literalValues(s: z.ZodType): unknown[] | null {
  const d = defOf(s);
  if (d.type === 'literal') return d.values ?? [];
  if (WRAPPERS.has(d.type) && d.innerType) return literalValues(d.innerType);
  return null;
}

/**
 * A copy of `base` with the option at `path` set to `value`. Missing objects on the way are
 * created empty (the schema's defaults fill them in when the result is parsed); a `[]` (or `{}`)
 * step sets it in the first element of that array (or record) only, so a roster or a list keeps
 * its other entries as they are; when there is no element, or the option is an array's element
 * itself, null is returned: the option cannot be set on this base.
 */
export function withOption(base: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(base);
  const parts = path.split('.');
  let touched = false;
  const set = (node: Record<string, unknown>, i: number): void => {
    const k = parts[i]!;
    if (i === parts.length - 1) {
      node[k] = value;
      touched = true;
      return;
    }
    const next = parts[i + 1]!;
    // An array of enum values (`classes.[]`): the case sets the list to that one value.
    if (next === '[]' && i + 1 === parts.length - 1) {
      node[k] = [value];
      touched = true;
      return;
    }
    if (next === '[]' || next === '{}') {
      const coll = node[k];
      const elems = Array.isArray(coll) ? coll : coll && typeof coll === 'object' ? Object.values(coll) : [];
      const first: unknown = elems[0];
      // An enum array's element itself (`days.[]`) is a list of values, not one to set.
      if (i + 1 < parts.length - 1 && first && typeof first === 'object')
        set(first as Record<string, unknown>, i + 2);
      return;
    }
    const child = node[k];
    if (child === undefined || child === null || typeof child !== 'object') node[k] = {};
    set(node[k] as Record<string, unknown>, i + 1);
  };
  set(copy as Record<string, unknown>, 0);
  return touched ? copy : null;
}

/** One numeric option found in a schema: a number, an integer, or a whole distribution. */
export interface NumericOption {
  /** Dotted path as for {@link SchemaOption}; a path ending in `[]` is a list of numbers. */
  path: string;
  /** `distribution` when the schema there is the given distribution schema (one option, not its parameters). */
  kind: 'int' | 'number' | 'distribution';
  /** The schema's bounds (±Infinity when unbounded); a bound may be exclusive, so values keep off it. */
  min: number;
  max: number;
}

/**
 * Every numeric option a zod 4 schema accepts, found by the same walk as {@link schemaOptions}:
 * numbers with their bounds and integer flag, and each occurrence of `distribution` (the
 * scenario's distribution schema) as one option, so a new number in the schema shows up here
 * without anyone listing it. A path met in several union branches keeps its first bounds.
 */
export function numericOptions(root: z.ZodType, distribution: z.ZodType): NumericOption[] {
  const out = new Map<string, NumericOption>();
  walkSchema(root, (s, d, path) => {
    if (s === distribution) {
      if (!out.has(path)) out.set(path, { path, kind: 'distribution', min: 0, max: Infinity });
      return true;
    }
    if (d.type === 'number') {
      const n = s as unknown as { minValue: number | null; maxValue: number | null; isInt: boolean };
      const min = n.minValue ?? -Infinity;
      const max = n.maxValue ?? Infinity;
      // Integers are bounded by the safe range: that is no bound a value should be drawn from.
      const safe = (v: number): number =>
        Math.abs(v) >= Number.MAX_SAFE_INTEGER ? Math.sign(v) * Infinity : v;
      if (!out.has(path))
        out.set(path, { path, kind: n.isInt ? 'int' : 'number', min: safe(min), max: safe(max) });
      return true;
    }
    return false;
  });
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The value at `path` in `obj`, following the first element at each `[]`/`{}` step (undefined if absent). */
export function valueAt(obj: unknown, path: string): unknown {
  let node: unknown = obj;
  for (const k of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = k === '[]' || k === '{}' ? Object.values(node)[0] : (node as Record<string, unknown>)[k];
  }
  return node;
}

/**
 * A valid value other than `current` for a numeric option: the midpoint between the current
 * value and the upper bound (or the lower one when it sits at the top), twice the value when
 * unbounded above (1 when it is 0 or unset); integers rounded away from the current value. A
 * distribution gets every parameter doubled (its kind kept); an unset one becomes a constant 1.
 * Midpoints never land on a bound, so exclusive bounds (`positive()`) are kept too.
 */
export function otherNumber(opt: NumericOption, current: unknown): unknown {
  if (opt.kind === 'distribution') {
    if (typeof current === 'number') return 2 * current || 1;
    if (current === null || typeof current !== 'object') return { kind: 'constant', value: 1 };
    const doubled = JSON.stringify(current, (_k, v: unknown) => (typeof v === 'number' ? 2 * v : v));
    // All zeros (a constant 0) doubles to itself: a constant 1 is the other value then.
    return doubled === JSON.stringify(current)
      ? { kind: 'constant', value: 1 }
      : (JSON.parse(doubled) as unknown);
  }
  const c = typeof current === 'number' ? current : undefined;
  const { min, max } = opt;
  let v: number;
  if (c === undefined) v = Number.isFinite(max) ? (Math.max(min, 0) + max) / 2 : Math.max(1, 2 * min);
  else if (!Number.isFinite(max)) v = c > 0 ? 2 * c : 1;
  else v = c < max ? (c + max) / 2 : (Math.max(min, 0) + c) / 2;
  if (opt.kind === 'int') {
    v = c !== undefined && v < c ? Math.floor(v) : Math.ceil(v);
    if (v === c) v = c + 1 <= max ? c + 1 : c - 1;
  }
  return v;
}

/**
 * A copy of `base` with the numeric option at `path` set to `value`: a list of numbers
 * (`….[]`) gets its first element replaced (its length often means something, as 24 hours
 * or 7 days), a record of numbers (`….{}`) its first entry; the list or record is taken from
 * `base`, else from `defaults` (the parsed base, where the schema's defaults are filled in).
 * Anything else is set as {@link withOption} does. Null when it cannot be set.
 */
export function withNumber(base: unknown, path: string, value: unknown, defaults?: unknown): unknown {
  const last = path.slice(-3);
  if (last !== '.[]' && last !== '.{}') return withOption(base, path, value);
  const parent = path.slice(0, -3);
  const coll = valueAt(base, parent) ?? valueAt(defaults, parent);
  if (coll === null || typeof coll !== 'object') return null;
  if (Array.isArray(coll))
    return coll.length === 0 ? null : withOption(base, parent, [value, ...coll.slice(1)]);
  const first = Object.keys(coll)[0];
  return first === undefined ? null : withOption(base, parent, { ...coll, [first]: value });
}
