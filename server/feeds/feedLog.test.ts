import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DigestIndex } from './digestIndex.ts';
import { FeedLog } from './feedLog.ts';
import { listSegments, openFeedLog } from './feedLogOpen.ts';
import { fieldDigests, type EntryRecord, type ResultRecord } from './feedRecords.ts';

const dir = mkdtempSync(join(tmpdir(), 'bintwin-feedlog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scan = (i: number) => ({
  device: 'd',
  user: 'u',
  role: 'r',
  step: 'receive' as const,
  raw: `B${i}`,
  clientEventId: `c${i}`,
  deviceTime: '2026-01-01T00:00:00Z',
});

describe('feed log segments and compaction', () => {
  it('rotates, compacts what the checkpoint holds, and still answers every key after a reopen', async () => {
    const log = new FeedLog(dir, [], new DigestIndex(), 1, { segmentBytes: 600, window: 2 });
    for (let i = 1; i <= 12; i++) {
      const entry = { kind: 'scan' as const, scan: scan(i) };
      const f = fieldDigests(entry);
      const e: EntryRecord = { t: 'e', q: i, k: `k${i}`, at: '', n: i, simTime: i, ev: i, entry, f };
      log.append('entries', [{ rec: e, line: JSON.stringify(e) }]);
      const r: ResultRecord = { t: 'r', q: i, k: `k${i}`, n: i, reply: { ok: true, i }, f };
      log.append('results', [{ rec: r, line: JSON.stringify(r) }]);
    }
    const segs = listSegments(dir);
    expect(segs.length).toBeGreaterThan(2);
    const freed = log.compact(8);
    expect(freed).toBeGreaterThan(0);
    // Compacted segments keep the answers only; the window holds 2, so most come from disk.
    const first = readFileSync(segs[0]!.file, 'utf8');
    expect(first).not.toMatch(/"t":"e"/);
    expect(first).toMatch(/"t":"r"/);
    for (let i = 1; i <= 12; i++) expect(log.get(`k${i}`)?.reply).toEqual({ ok: true, i });
    expect(log.stats().keys).toBe(12);
    log.close();
    const opened = await openFeedLog(dir, 8, () => {});
    expect(opened.backlog.map((b) => b.n)).toEqual([9, 10, 11, 12]);
    for (let i = 1; i <= 12; i++) expect(opened.log.get(`k${i}`)?.reply).toEqual({ ok: true, i });
    opened.log.close();
  });
});
