import { HttpError } from '../http/httpErrors.ts';

/** Parses a JSON request body; malformed JSON is a 400 that says where (line, column, offset). */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const before = text.slice(0, pos);
    const line = before.split('\n').length;
    const column = pos - before.lastIndexOf('\n');
    throw new HttpError(400, `malformed JSON at line ${line}, column ${column} (offset ${pos}): ${msg}`, {
      error: 'malformed JSON',
      message: msg,
      position: pos,
      line,
      column,
    });
  }
}
