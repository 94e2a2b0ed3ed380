/** Structural limits every feed body must meet before it is accepted (checked without recursion). */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays (the top value is depth 1). */
  maxDepth: number;
  /** Longest string (keys included), in UTF-16 code units. */
  maxString: number;
  /** Most elements in one array. */
  maxArray: number;
  /** Most keys in one object. */
  maxKeys: number;
}

/** Limits of scans and EPCIS events: deep or wide enough for any real event, far from stack depth. */
export const FEED_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxString: 8192, maxArray: 10_000, maxKeys: 256 };

/** Where a body breaks a limit: a JSON pointer, what is wrong, and the HTTP status to answer. */
export interface JsonBoundsProblem {
  path: string;
  message: string;
  /** 400 for too deep (malformed for a feed), 413 for too long or too wide. */
  status: 400 | 413;
}

/**
 * Nesting depth of raw JSON text, by counting brackets outside strings: run before
 * `JSON.parse` so a body nested thousands deep is refused before any recursive code sees it.
 * Returns the offset where `maxDepth` is first exceeded, or -1.
 */
export function textDepthExceeded(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/**
 * Checks a parsed value against the limits with an explicit stack (no recursion, so any input
 * is safe to check) and names the first place that breaks one.
 */
export function checkJsonBounds(value: unknown, l: JsonLimits = FEED_JSON_LIMITS): JsonBoundsProblem | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: '', depth: 1 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > l.maxString)
        return {
          path: path || '/',
          status: 413,
          message: `string of ${v.length} characters (at most ${l.maxString})`,
        };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > l.maxDepth)
      return { path: path || '/', status: 400, message: `nested deeper than ${l.maxDepth} levels` };
    if (Array.isArray(v)) {
      if (v.length > l.maxArray)
        return {
          path: path || '/',
          status: 413,
          message: `array of ${v.length} elements (at most ${l.maxArray})`,
        };
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}/${i}`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > l.maxKeys)
      return {
        path: path || '/',
        status: 413,
        message: `object with ${keys.length} keys (at most ${l.maxKeys})`,
      };
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      const p = `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (k.length > l.maxString)
        return {
          path: p.slice(0, 200),
          status: 413,
          message: `key of ${k.length} characters (at most ${l.maxString})`,
        };
      stack.push({ v: (v as Record<string, unknown>)[k], path: p, depth: depth + 1 });
    }
  }
  return null;
}
