import { HttpError } from '../http/httpErrors.ts';
import { checkJsonBounds, FEED_JSON_LIMITS, textDepthExceeded, type JsonLimits } from './jsonBounds.ts';

/**
 * Parses a JSON request body; malformed JSON is a 400 that says where (line, column, offset).
 * The body must also meet the structural limits (depth first, on the raw text, then string,
 * array and key counts on the value): 400 or 413 naming the place, before anything else sees it.
 */
export function parseJsonBody(text: string, limits: JsonLimits = FEED_JSON_LIMITS): unknown {
  const deep = textDepthExceeded(text, limits.maxDepth);
  if (deep >= 0) {
    const { line, column } = lineColumn(text, deep);
    const message = `nested deeper than ${limits.maxDepth} levels at line ${line}, column ${column} (offset ${deep})`;
    throw new HttpError(400, `body too deep: ${message}`, {
      error: 'body too deep',
      message,
      position: deep,
      line,
      column,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const { line, column } = lineColumn(text, pos);
    throw new HttpError(400, `malformed JSON at line ${line}, column ${column} (offset ${pos}): ${msg}`, {
      error: 'malformed JSON',
      message: msg,
      position: pos,
      line,
      column,
    });
  }
  const p = checkJsonBounds(value, limits);
  if (p)
    throw new HttpError(p.status, `body too large at ${p.path}: ${p.message}`, {
      error: 'body too large',
      ...p,
    });
  return value;
}

function lineColumn(text: string, pos: number): { line: number; column: number } {
  const before = text.slice(0, pos);
  return { line: before.split('\n').length, column: pos - before.lastIndexOf('\n') };
}
