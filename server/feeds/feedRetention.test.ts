import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DigestIndex } from './digestIndex.ts';
import { FeedLog } from './feedLog.ts';
import { openFeedLog } from './feedLogOpen.ts';
import { fieldDigests, type EntryRecord, type ResultRecord } from './feedRecords.ts';
import { DEFAULT_DEDUP_DAYS, dedupRetentionFromEnv } from './feedRetention.ts';
import { startTestServer } from '../live/testServer.ts';

const root = mkdtempSync(join(tmpdir(), 'bintwin-feedretention-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Window of 1 s of (fake) wall time; keys arrive every 10 ms, segments of ~2 KB hold 2–3 keys. */
const WINDOW = 1_000;
const STEP = 10;

function ack(log: FeedLog, i: number): void {
  const scan = {
    device: 'd',
    user: 'u',
    role: 'r',
    step: 'receive' as const,
    raw: `B${i}`,
    clientEventId: `c${i}`,
    deviceTime: '2026-01-01T00:00:00Z',
  };
  const entry = { kind: 'scan' as const, scan };
  const f = fieldDigests(entry);
  const e: EntryRecord = { t: 'e', q: i, k: `k${i}`, at: '', n: i, simTime: i, ev: i, entry, f };
  log.append('entries', [{ rec: e, line: JSON.stringify(e) }]);
  const r: ResultRecord = { t: 'r', q: i, k: `k${i}`, n: i, reply: { ok: true, i }, f };
  log.append('results', [{ rec: r, line: JSON.stringify(r) }]);
}

describe('idempotency retention window', () => {
  it('forgets keys of segments older than the window, keeps recent ones, and the index stays bounded', async () => {
    const dir = mkdtempSync(join(root, 'run-'));
    let clock = Date.now();
    const opts = { segmentBytes: 2_000, window: 50, retentionMs: WINDOW, now: () => clock };
    const log = new FeedLog(dir, [], new DigestIndex(), 1, opts);
    const N = 3_000;
    let maxKeys = 0;
    for (let i = 1; i <= N; i++) {
      ack(log, i);
      clock += STEP;
      if (i % 500 === 0) log.compact(i);
      maxKeys = Math.max(maxKeys, log.stats().keys);
    }
    // Keys in the window: WINDOW / STEP = 100, plus at most a segment's worth either side.
    expect(maxKeys).toBeLessThan(130);
    expect(log.stats().keys).toBeGreaterThanOrEqual(WINDOW / STEP - 5);
    expect(log.stats().indexBytes).toBe(1024 * 16);
    // An old key is forgotten (a retry would be new); a recent one still deduplicates.
    expect(log.get('k1')).toBeUndefined();
    expect(log.get(`k${N - WINDOW / STEP + 10}`)?.reply).toEqual({ ok: true, i: N - WINDOW / STEP + 10 });
    expect(log.get(`k${N - 60}`)?.reply).toEqual({ ok: true, i: N - 60 }); // past the 50-answer memory: from disk
    const known = Array.from({ length: N }, (_, i) => log.get(`k${i + 1}`) !== undefined);
    const forgotten = log.segments.filter((s) => s.forgotten).map((s) => s.id);
    expect(forgotten.length).toBeGreaterThan(log.segments.length - 55); // ≥2 keys a segment, 100 keys in the window
    const keys = log.stats().keys;
    log.close();

    // Restart: the files carry their age (mtime); the same segments are left out of the index.
    for (const s of log.segments) utimesSync(s.file, s.newest / 1000, s.newest / 1000);
    const opened = await openFeedLog(dir, N, () => {}, opts);
    expect(opened.log.stats().keys).toBe(keys);
    expect(opened.log.segments.filter((s) => s.forgotten).map((s) => s.id)).toEqual(forgotten);
    expect(Array.from({ length: N }, (_, i) => opened.log.get(`k${i + 1}`) !== undefined)).toEqual(known);
    // Keys keep arriving after the restart: still bounded.
    opened.log.nextQ = N + 1;
    for (let i = N + 1; i <= N + 1_000; i++) {
      ack(opened.log, i);
      clock += STEP;
      expect(opened.log.stats().keys).toBeLessThan(130);
    }
    expect(opened.log.get(`k${N}`)).toBeUndefined();
    expect(opened.log.get(`k${N + 990}`)?.reply).toEqual({ ok: true, i: N + 990 });
    opened.log.close();

    // A restart long after: every closed segment is out of the window. The files written since
    // the restart carry the fake clock's age too (their real mtime depends on how long the test ran).
    for (const s of opened.log.segments) utimesSync(s.file, s.newest / 1000, s.newest / 1000);
    clock += 10 * WINDOW;
    const later = await openFeedLog(dir, N + 1_000, () => {}, opts);
    expect(later.log.stats().keys).toBeLessThanOrEqual(10);
    later.log.close();
  });

  it('with the default window (7 days) nothing written now is forgotten', async () => {
    const dir = mkdtempSync(join(root, 'run-'));
    const log = new FeedLog(dir, [], new DigestIndex(), 1, { segmentBytes: 600, window: 2 });
    for (let i = 1; i <= 40; i++) ack(log, i);
    expect(log.stats().keys).toBe(40);
    log.close();
    const opened = await openFeedLog(dir, 40, () => {});
    expect(opened.log.stats().keys).toBe(40);
    expect(opened.log.get('k1')?.reply).toEqual({ ok: true, i: 1 });
    opened.log.close();
  });

  it('reads BINTWIN_FEED_DEDUP_DAYS and names a bad value', () => {
    expect(dedupRetentionFromEnv({})).toBe(DEFAULT_DEDUP_DAYS * 86_400_000);
    expect(dedupRetentionFromEnv({ BINTWIN_FEED_DEDUP_DAYS: '0.5' })).toBe(43_200_000);
    expect(() => dedupRetentionFromEnv({ BINTWIN_FEED_DEDUP_DAYS: 'week' })).toThrow(
      /BINTWIN_FEED_DEDUP_DAYS.*"week"/,
    );
  });

  it("takes the window from the server's env: a bad value stops the start, naming it", async () => {
    const dataDir = mkdtempSync(join(root, 'server-'));
    await expect(
      startTestServer(undefined, { dataDir, env: { BINTWIN_FEED_DEDUP_DAYS: '-1' } }),
    ).rejects.toThrow(/BINTWIN_FEED_DEDUP_DAYS must be a positive number of days, not "-1"/);
  });
});
