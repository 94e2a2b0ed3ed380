import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { truncateJournalAfter } from './journalRecovery.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-journal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const line = (seq: number): string => JSON.stringify({ id: `E${seq}`, seq, t: seq * 10, type: 'x' }) + '\n';

describe('truncateJournalAfter', () => {
  it('keeps the checkpoint lines and drops later ones and a torn tail', () => {
    const f = join(dir, 'a.ndjson');
    writeFileSync(f, line(1) + line(2) + line(3) + '{"id":"E4","se');
    expect(truncateJournalAfter(f, 2)).toEqual({ keptLines: 2, droppedBytes: line(3).length + 14 });
    expect(readFileSync(f, 'utf8')).toBe(line(1) + line(2));
    expect(truncateJournalAfter(f, 0).keptLines).toBe(0);
    expect(readFileSync(f, 'utf8')).toBe('');
  });

  it('refuses a journal shorter than the checkpoint, or one that does not match it', () => {
    const f = join(dir, 'b.ndjson');
    writeFileSync(f, line(1) + '{"torn');
    expect(() => truncateJournalAfter(f, 2)).toThrow(/has 1 complete lines, but the checkpoint covers 2/);
    writeFileSync(f, line(1) + line(5));
    expect(() => truncateJournalAfter(f, 2)).toThrow(/line 2 is not event seq 2/);
    expect(readFileSync(f, 'utf8')).toBe(line(1) + line(5));
  });
});
