import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** One confirmed pick of the history: which order, SKU and bin, how many units. */
export interface PickLine {
  order: string;
  sku: string;
  bin: string;
  qty: number;
}

/** The fields of a journal event a pick line is read from (a parsed event or a line's JSON). */
interface PickEventLike {
  type?: unknown;
  sku?: unknown;
  bin?: unknown;
  qty?: unknown;
  docs?: { order?: unknown };
}

/** The pick line of a journal event, or null when it is not a confirmed pick from a bin. */
export function pickLineOf(e: PickEventLike): PickLine | null {
  if (e.type !== 'pick.confirmed' || typeof e.bin !== 'string' || typeof e.sku !== 'string') return null;
  const order = e.docs?.order;
  const qty = typeof e.qty === 'number' ? e.qty : 0;
  if (typeof order !== 'string' || qty <= 0) return null;
  return { order, sku: e.sku, bin: e.bin, qty };
}

/**
 * The journal segments of a run folder in order: `journal.ndjson` first, then the later
 * `journal-<seq>.ndjson` segments by their first sequence number (the names say it).
 */
export function journalSegments(dir: string): string[] {
  const first = join(dir, 'journal.ndjson');
  const later = readdirSync(dir)
    .filter((f) => /^journal-\d{12}\.ndjson$/.test(f))
    .sort();
  return [...(existsSync(first) ? [first] : []), ...later.map((f) => join(dir, f))];
}

/**
 * Reads the confirmed picks of journal files line by line (a week's journal does not fit in a
 * string). `onLines` is told every 100,000 lines, for progress output.
 */
export async function readPicks(
  files: readonly string[],
  onLines: (n: number) => void = () => {},
): Promise<PickLine[]> {
  const out: PickLine[] = [];
  let n = 0;
  for (const file of files) {
    const rl = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of rl) {
      if (++n % 100_000 === 0) onLines(n);
      // Cheap filter first: only pick confirmations are parsed.
      if (!line.includes('"pick.confirmed"')) continue;
      const p = pickLineOf(JSON.parse(line) as PickEventLike);
      if (p) out.push(p);
    }
  }
  onLines(n);
  return out;
}
