/**
 * The records of an append-only ndjson text, in order, up to the first line that does not
 * parse: a crash mid-write leaves at most a torn last line, and nothing after it is trusted.
 * Blank lines are skipped. Shared by every reader of the run's logs (input log, journal).
 */
export function parseNdjsonPrefix<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      break;
    }
  }
  return out;
}
