import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { JOURNAL_CHUNK_BYTES, JournalWriter } from './journalWriter.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A realistic event in the engine's canonical key order; `i` varies the content so lines differ. */
function event(i: number): JournalEvent {
  const e: JournalEvent = {
    id: `E${i}`,
    seq: i,
    t: i * 1000,
    type: 'pick.confirmed',
    actor: { worker: `pick-${i % 7}`, role: 'picker' },
    site: 'DC1',
    bin: `A-0${i % 9}-01-C`,
    sku: `SKU-${i}`,
    qty: i % 5,
    uom: 'EA',
    baseQty: i % 5,
  };
  // Non-ASCII text checks that chunks are measured and written as UTF-8 correctly.
  if (i % 3 === 0) e.reason = 'Größe ✓';
  return e;
}

describe('JournalWriter', () => {
  it('writes exactly one JSON line per event, in call order', () => {
    const path = join(dir, 'small.ndjson');
    const w = new JournalWriter(path);
    const events = [1, 2, 3].map(event);
    for (const e of events) w.write(e);
    w.close();
    expect(readFileSync(path, 'utf8')).toBe(events.map((e) => JSON.stringify(e) + '\n').join(''));
    expect(w.lineCount()).toBe(3);
  });

  it('writes in chunks while running and loses nothing across chunk boundaries', () => {
    const path = join(dir, 'big.ndjson');
    const w = new JournalWriter(path);
    const expected: string[] = [];
    let chars = 0;
    let i = 1;
    while (chars < 2.5 * JOURNAL_CHUNK_BYTES) {
      const e = event(i++);
      w.write(e);
      const line = JSON.stringify(e) + '\n';
      expected.push(line);
      chars += line.length;
    }
    // Two chunks are on disk before close; the rest is still pending.
    const before = statSync(path).size;
    expect(before).toBeGreaterThanOrEqual(2 * JOURNAL_CHUNK_BYTES);
    expect(before).toBeLessThan(Buffer.byteLength(expected.join('')));
    w.close();
    const text = readFileSync(path, 'utf8');
    expect(text).toBe(expected.join(''));
    expect(w.bytesWritten()).toBe(Buffer.byteLength(text));
  });

  it('creates an empty file for an empty journal and refuses writes after close', () => {
    const path = join(dir, 'empty.ndjson');
    const w = new JournalWriter(path);
    w.close();
    w.close();
    expect(readFileSync(path, 'utf8')).toBe('');
    expect(() => w.write(event(1))).toThrow(/closed/);
  });

  it('throws the file-system error when the file cannot be created', () => {
    expect(() => new JournalWriter(join(dir, 'no-such-dir', 'j.ndjson'))).toThrow(/ENOENT/);
  });
});
