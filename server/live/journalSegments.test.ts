import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { streamJournal } from '../http/journalStream.ts';
import { JournalWriter } from '../journalWriter.ts';
import { cutJournalSegments } from './journalRecovery.ts';
import {
  compactJournal,
  journalSegmentBytesFromEnv,
  journalSegmentFile,
  listJournalSegments,
} from './journalSegments.ts';

const root = mkdtempSync(join(tmpdir(), 'bintwin-jseg-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const line = (seq: number): string =>
  JSON.stringify({ id: `E${seq}`, seq, t: seq * 10, type: 'x.y', pad: 'p'.repeat(40) });

/** Writes events 1..count into a fresh folder with small segments. */
function write(count: number, segmentBytes = 1000): string {
  const dir = join(root, `j${++n}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const w = new JournalWriter(journalSegmentFile(dir, 1), 'w', {
    segmentBytes,
    fileFor: (first) => journalSegmentFile(dir, first),
    nextLine: 1,
  });
  for (let s = 1; s <= count; s++) w.writeLine(line(s));
  w.close();
  return dir;
}

/** Every line of a folder's journal, plain or gzipped, in segment order. */
function readAll(dir: string): string {
  return listJournalSegments(dir)
    .map((s) => (s.gz ? gunzipSync(readFileSync(s.file)).toString('utf8') : readFileSync(s.file, 'utf8')))
    .join('');
}

async function streamed(dir: string, from = 1): Promise<string> {
  const out = new PassThrough();
  let text = '';
  out.on('data', (b: Buffer) => (text += b.toString()));
  await streamJournal(dir, out, (l) => l + '\n', from);
  return text;
}

const expected = (a: number, b: number): string =>
  Array.from({ length: b - a + 1 }, (_, i) => line(a + i) + '\n').join('');

describe('segmented journal', () => {
  it('rotates at the size at line boundaries, naming each segment by its first seq', () => {
    const dir = write(100);
    const segs = listJournalSegments(dir);
    expect(segs.length).toBeGreaterThan(5);
    expect(segs[0]!.file.endsWith('journal.ndjson')).toBe(true);
    for (const s of segs) {
      const text = readFileSync(s.file, 'utf8');
      expect(text.length).toBeLessThanOrEqual(1000);
      expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ seq: s.first });
      if (s.first > 1)
        expect(s.file).toMatch(new RegExp(`journal-${String(s.first).padStart(12, '0')}\\.ndjson$`));
    }
    expect(readAll(dir)).toBe(expected(1, 100));
  });

  it('archives (gzips) only closed segments a checkpoint wholly covers, never deletes a line', async () => {
    const dir = write(100);
    const segs = listJournalSegments(dir);
    const covered = segs[3]!.first + 2; // inside segment 3: segments 0–2 are wholly covered
    expect(await compactJournal(dir, covered)).toBeGreaterThan(0);
    const after = listJournalSegments(dir);
    expect(after.map((s) => s.gz)).toEqual(segs.map((_, i) => i < 3));
    expect(readAll(dir)).toBe(expected(1, 100));
    // Covering everything still leaves the active (last) segment plain.
    await compactJournal(dir, 100);
    expect(listJournalSegments(dir).map((s) => s.gz)).toEqual(segs.map((_, i) => i < segs.length - 1));
    expect(readAll(dir)).toBe(expected(1, 100));
    expect(await streamed(dir)).toBe(expected(1, 100));
  });

  it('streams across plain and gzipped segments, skipping whole segments before `from`', async () => {
    const dir = write(100);
    await compactJournal(dir, 50);
    expect(await streamed(dir)).toBe(expected(1, 100));
    // Lines before `from` in its segment still reach `map` (the export filters by seq); earlier segments are not read.
    const tail = await streamed(dir, 70);
    const first = listJournalSegments(dir)
      .filter((s) => s.first <= 70)
      .at(-1)!.first;
    expect(tail).toBe(expected(first, 100));
  });

  it('a crash between the archive rename and the removal: both listed once, read once', async () => {
    const dir = write(60);
    const before = listJournalSegments(dir);
    await compactJournal(dir, 60, (s) => {
      if (s.first === 1) throw new Error('killed');
    }).catch(() => undefined);
    expect(existsSync(join(dir, 'journal.ndjson'))).toBe(true);
    expect(existsSync(join(dir, 'journal.ndjson.gz'))).toBe(true);
    expect(listJournalSegments(dir).length).toBe(before.length);
    expect(await streamed(dir)).toBe(expected(1, 60));
    await compactJournal(dir, 60);
    expect(existsSync(join(dir, 'journal.ndjson'))).toBe(false);
    expect(readAll(dir)).toBe(expected(1, 60));
  });

  it('cuts back to a checkpoint across segments, leaving archives alone, and resumes appending', async () => {
    const dir = write(100);
    await compactJournal(dir, 40);
    writeFileSync(join(dir, 'journal.ndjson.gz.tmp'), 'half an archive');
    const lastSeq = 55;
    const cut = cutJournalSegments(dir, lastSeq);
    expect(readdirSync(dir).some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(readAll(dir)).toBe(expected(1, lastSeq));
    expect(cut.droppedBytes).toBe(expected(56, 100).length);
    // The writer carries on in the active segment and rotates as before.
    const w = new JournalWriter(cut.active, 'a', {
      segmentBytes: 1000,
      fileFor: (first) => journalSegmentFile(dir, first),
      nextLine: lastSeq + 1,
    });
    for (let s = lastSeq + 1; s <= 100; s++) w.writeLine(line(s));
    w.close();
    expect(readAll(dir)).toBe(expected(1, 100));
    for (const s of listJournalSegments(dir)) {
      const text = s.gz ? gunzipSync(readFileSync(s.file)).toString() : readFileSync(s.file, 'utf8');
      expect(JSON.parse(text.split('\n')[0]!)).toMatchObject({ seq: s.first });
    }
  });

  it('a checkpoint at a segment boundary keeps the next (emptied) segment; an empty newest one is fine', () => {
    const dir = write(100);
    const segs = listJournalSegments(dir);
    const b = segs[2]!.first; // checkpoint covers exactly up to the end of segment 1
    const cut = cutJournalSegments(dir, b - 1);
    expect(cut.active).toBe(segs[2]!.file);
    expect(readFileSync(cut.active, 'utf8')).toBe('');
    expect(readAll(dir)).toBe(expected(1, b - 1));
    expect(cutJournalSegments(dir, b - 1).active).toBe(segs[2]!.file);
  });

  it('refuses a journal that disagrees with the checkpoint before touching anything', async () => {
    const dir = write(100);
    await compactJournal(dir, 100);
    const segs = listJournalSegments(dir);
    // A checkpoint older than an archive: archives are never cut.
    expect(() => cutJournalSegments(dir, segs[1]!.first + 1)).toThrow(/archived, but the checkpoint/);
    expect(() => cutJournalSegments(dir, 500)).toThrow(/complete lines, but the checkpoint covers/);
    expect(readAll(dir)).toBe(expected(1, 100));
    const empty = join(root, 'empty');
    expect(() => cutJournalSegments(empty, 3)).toThrow(/missing, but the checkpoint covers 3/);
    expect(cutJournalSegments(empty, 0).active).toBe(journalSegmentFile(empty, 1));
  });

  it('reads the segment size from BINTWIN_JOURNAL_SEGMENT_MB, naming a bad value', () => {
    expect(journalSegmentBytesFromEnv({})).toBe(64 << 20);
    expect(journalSegmentBytesFromEnv({ BINTWIN_JOURNAL_SEGMENT_MB: '0.5' })).toBe(512 * 1024);
    expect(() => journalSegmentBytesFromEnv({ BINTWIN_JOURNAL_SEGMENT_MB: 'lots' })).toThrow(
      /BINTWIN_JOURNAL_SEGMENT_MB must be .* got "lots"/,
    );
  });
});
