import type { z } from 'zod';

// Turns bad scenario input into problems a person can act on: where (line:column or a field path) and what.

/**
 * Finds line and column (1-based) of a JSON.parse failure. V8 gives an offset only for some
 * errors ("Unexpected token '}', ... is not valid JSON" has none), so a small scanner finds the
 * first offending character itself; the reason text is V8's, minus the input snippet it quotes.
 */
export function locateJsonError(
  text: string,
  err: unknown,
): { line: number; column: number; reason: string } {
  const raw = err instanceof Error ? err.message : String(err);
  const offset = firstJsonErrorOffset(text.replace(/^\uFEFF/, ''));
  const lines = text.slice(0, offset).split('\n');
  const reason =
    raw
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s+in JSON at position \d+.*$/s, '')
      .replace(/,\s*".*" is not valid JSON$/s, '')
      .trim() || 'invalid JSON';
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1, reason };
}

/** Offset of the first character that makes `s` invalid JSON (s.length if it ends too early). */
function firstJsonErrorOffset(s: string): number {
  let i = 0;
  const bad = (): never => {
    throw new JsonScanStop(i);
  };
  const ws = (): void => {
    while (i < s.length && ' \t\n\r'.includes(s[i] ?? '')) i++;
  };
  const str = (): void => {
    i++;
    while (i < s.length) {
      const ch = s[i] ?? '';
      if (ch === '"') return void i++;
      if (ch === '\\') {
        i++;
        if (s[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) bad();
          i += 5;
        } else if ('"\\/bfnrt'.includes(s[i] ?? 'x')) i++;
        else bad();
      } else if (ch < ' ') bad();
      else i++;
    }
    bad();
  };
  const seq = (close: string, item: () => void): void => {
    i++;
    ws();
    if (s[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (s[i] === ',') i++;
      else if (s[i] === close) return void i++;
      else bad();
    }
  };
  const value = (): void => {
    ws();
    const ch = s[i];
    if (ch === '{')
      seq('}', () => {
        ws();
        if (s[i] !== '"') bad();
        str();
        ws();
        if (s[i] !== ':') bad();
        i++;
        value();
      });
    else if (ch === '[') seq(']', value);
    else if (ch === '"') str();
    else {
      const lit = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
      lit.lastIndex = i;
      if (!lit.test(s)) bad();
      i = lit.lastIndex;
    }
  };
  try {
    value();
    ws();
    if (i < s.length) bad();
  } catch (stop) {
    if (stop instanceof JsonScanStop) return stop.offset;
    throw stop;
  }
  return s.length;
}

/** Unwinds the scanner at the first error. */
class JsonScanStop {
  constructor(readonly offset: number) {}
}

/** One thing wrong with a scenario: where (a dotted path) and what. */
export interface Problem {
  path: string;
  message: string;
}

/** Renders a zod path as `demand.arrivals.ratePerHour` / `workers[0].count`; the root is `(root)`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/**
 * Turns zod issues into one readable problem each. Zod's defaults ("Invalid input") hide the
 * useful part of union failures, so a union is unpacked into the branch that matches the input's
 * shape, and each message says what was found.
 */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  prefix: PropertyKey[] = [],
): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const got = valueAt(input, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys)
          out.push({ path: formatPath([...path, key]), message: 'unknown field' });
        break;
      case 'invalid_union': {
        if (issue.errors.length === 0) {
          const options = (issue as { options?: unknown[] }).options;
          const msg = options
            ? `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')}`
            : issue.message;
          out.push({ path: formatPath(path), message: `${msg}${describeGot(got)}` });
          break;
        }
        // Drop branches that failed only because the input has another basic type (the number shorthand of a distribution, say).
        const fitting = issue.errors.filter(
          (branch) => !branch.every((b) => b.code === 'invalid_type' && b.path.length === 0),
        );
        if (fitting.length === 1 && fitting[0]) out.push(...formatIssues(fitting[0], input, path));
        else {
          const expected = issue.errors.flatMap((b) =>
            b
              .filter((x) => x.code === 'invalid_type' && x.path.length === 0)
              .map((x) => (x as { expected: string }).expected),
          );
          const msg =
            fitting.length === 0 && expected.length > 0
              ? `expected ${[...new Set(expected)].join(' or ')}`
              : 'matches none of the allowed forms';
          out.push({ path: formatPath(path), message: `${msg}${describeGot(got)}` });
        }
        break;
      }
      case 'invalid_type':
        out.push({
          path: formatPath(path),
          message:
            got === undefined
              ? `required (${article(issue.expected)})`
              : `expected ${article(issue.expected)}${describeGot(got)}`,
        });
        break;
      case 'invalid_value':
        out.push({
          path: formatPath(path),
          message: `${issue.values.length === 1 ? `must be ${JSON.stringify(issue.values[0])}` : `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`}${describeGot(got)}`,
        });
        break;
      case 'too_small':
      case 'too_big':
        out.push({ path: formatPath(path), message: `${boundMessage(issue)}${describeGot(got)}` });
        break;
      default:
        out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}

/** "must be greater than 0", "must have at least 1 item", "must have exactly 24 items". */
function boundMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = issue.code === 'too_small';
  const limit = Number(
    small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum,
  );
  if (issue.origin === 'array' || issue.origin === 'string') {
    const unit = issue.origin === 'array' ? 'item' : 'character';
    const n = `${limit} ${unit}${limit === 1 ? '' : 's'}`;
    if (issue.exact) return `must have exactly ${n}`;
    return `must have ${small ? 'at least' : 'at most'} ${n}`;
  }
  if (issue.inclusive === false) return `must be ${small ? 'greater' : 'less'} than ${limit}`;
  return `must be ${small ? 'at least' : 'at most'} ${limit}`;
}

/** The input value at a path, or undefined where the path leaves the data. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** `, got "x"` for short values; long values are left out to keep one line per problem. */
function describeGot(got: unknown): string {
  if (got === undefined) return '';
  const kind =
    got === null
      ? 'null'
      : Array.isArray(got)
        ? 'an array'
        : typeof got === 'object'
          ? 'an object'
          : undefined;
  if (kind) return `, got ${kind}`;
  const text = JSON.stringify(got);
  return `, got ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

/** "a number", "an object". */
function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** The message of a file's problems: a headline (default: how many), then one `path: message` per line. */
export function problemsMessage(source: string, problems: readonly Problem[], headline?: string): string {
  return [
    headline ?? `${source}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}`,
    ...problems.map((p) => `  ${p.path}: ${p.message}`),
  ].join('\n');
}
