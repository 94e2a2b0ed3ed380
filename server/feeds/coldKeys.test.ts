import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ColdKeys } from './coldKeys.ts';
import { DigestIndex } from './digestIndex.ts';
import { FeedLog } from './feedLog.ts';
import { openFeedLog } from './feedLogOpen.ts';
import { differingFields, fieldDigests, type EntryRecord, type ResultRecord } from './feedRecords.ts';
import { DEFAULT_DEDUP_MAX_KEYS, dedupMaxKeysFromEnv } from './feedRetention.ts';

const root = mkdtempSync(join(tmpdir(), 'bintwin-coldkeys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const scanOf = (i: number, raw = `B${i}`) => ({
  device: 'd',
  user: 'u',
  role: 'r',
  step: 'receive' as const,
  raw,
  clientEventId: `c${i}`,
  deviceTime: '2026-01-01T00:00:00Z',
});

function ack(log: FeedLog, i: number): void {
  const entry = { kind: 'scan' as const, scan: scanOf(i) };
  const f = fieldDigests(entry);
  const e: EntryRecord = { t: 'e', q: i, k: `k${i}`, at: '', n: i, simTime: i, ev: i, entry, f };
  log.append('entries', [{ rec: e, line: JSON.stringify(e) }]);
  const r: ResultRecord = { t: 'r', q: i, k: `k${i}`, n: i, reply: { ok: true, i }, f };
  log.append('results', [{ rec: r, line: JSON.stringify(r) }]);
}

/** What the ingest compares for a reused id: the fields of the stored message that differ. */
function conflict(log: FeedLog, i: number): string[] | undefined {
  const prior = log.get(`k${i}`);
  return prior && differingFields(prior.f, fieldDigests({ kind: 'scan', scan: scanOf(i, 'OTHER') }));
}

const CAP = 100;
const N = 1_200;

describe('idempotency key cap (BINTWIN_FEED_DEDUP_MAX_KEYS)', () => {
  it('holds at most the cap (plus keys since the last compaction) in memory, and still finds every key', async () => {
    const dir = mkdtempSync(join(root, 'run-'));
    const opts = { segmentBytes: 4_000, window: 20, maxKeys: CAP };
    const log = new FeedLog(dir, [], new DigestIndex(), 1, opts);
    let most = 0;
    for (let i = 1; i <= N; i++) {
      ack(log, i);
      if (i % 50 === 0) log.compact(i);
      most = Math.max(most, log.stats().keys);
    }
    // Compaction (at each checkpoint) spills; in between, at most 50 new keys and a segment's.
    expect(most).toBeLessThanOrEqual(CAP + 50 + 5);
    const s = log.stats();
    expect(s.keys + s.coldKeys).toBe(N);
    expect(s.coldRuns).toBeLessThanOrEqual(5); // merged once more than 4
    expect(s.fenceBytes).toBeLessThan(N); // 8 bytes per 256 keys
    // Every key, in memory or on disk, still answers its first reply and refuses other content.
    for (let i = 1; i <= N; i++) {
      expect(log.get(`k${i}`)?.reply).toEqual({ ok: true, i });
      expect(conflict(log, i)).toEqual(['raw']);
    }
    expect(log.get('k0')).toBeUndefined();
    expect(log.get(`k${N + 1}`)).toBeUndefined();
    const coldSegs = log.segments.filter((x) => x.cold).map((x) => x.id);
    log.close();

    // Restart: the cold segments are neither indexed nor read; the cap still holds.
    const opened = await openFeedLog(dir, N, () => {}, opts);
    expect(opened.skipped).toEqual(coldSegs);
    expect(opened.log.stats().keys).toBeLessThanOrEqual(CAP);
    expect(opened.log.stats().coldKeys + opened.log.stats().keys).toBe(N);
    for (const i of [1, 2, 345, N / 2, N - 1, N]) {
      expect(opened.log.get(`k${i}`)?.reply).toEqual({ ok: true, i });
      expect(conflict(opened.log, i)).toEqual(['raw']);
    }
    // Sequence numbers continue past the skipped segments.
    expect(opened.log.nextQ).toBeGreaterThan(N);
    opened.log.close();
  });

  it('drops the runs of segments that left the retention window', () => {
    const dir = mkdtempSync(join(root, 'run-'));
    let clock = Date.now();
    const opts = { segmentBytes: 2_000, window: 20, maxKeys: CAP, retentionMs: 1_000, now: () => clock };
    const log = new FeedLog(dir, [], new DigestIndex(), 1, opts);
    for (let i = 1; i <= N; i++) {
      ack(log, i);
      clock += 10;
      if (i % 50 === 0) log.compact(i);
    }
    // 1 s window at 10 ms a key: ~100 keys remembered; the older ones left memory and disk.
    expect(log.get('k1')).toBeUndefined();
    expect(log.get(`k${N - 50}`)?.reply).toEqual({ ok: true, i: N - 50 });
    expect(log.stats().coldKeys + log.stats().keys).toBeLessThan(400);
    const runs = readdirSync(dir).filter((f) => f.endsWith('.idx'));
    expect(runs.length).toBe(log.stats().coldRuns);
    log.close();
  });

  it('removes a run file its manifest does not name (a crash between the two writes)', () => {
    const dir = mkdtempSync(join(root, 'run-'));
    const orphan = join(dir, 'feed-keys-000009.idx');
    writeFileSync(orphan, Buffer.alloc(32));
    const cold = ColdKeys.open(dir);
    expect(existsSync(orphan)).toBe(false);
    expect(cold.stats().keys).toBe(0);
    expect(cold.find(1, 1)).toEqual([]);
    cold.close();
  });

  it('restart skips compacted segments out of the window without reading them', async () => {
    const dir = mkdtempSync(join(root, 'run-'));
    let clock = Date.now() - 60_000;
    const opts = { segmentBytes: 2_000, window: 20, retentionMs: 30_000, now: () => clock };
    const log = new FeedLog(dir, [], new DigestIndex(), 1, opts);
    for (let i = 1; i <= 400; i++) {
      ack(log, i);
      if (i === 200) clock += 40_000;
    }
    log.compact(400);
    log.close();
    for (const s of log.segments) utimesSync(s.file, s.newest / 1000, s.newest / 1000);
    clock = Date.now();
    const opened = await openFeedLog(dir, 400, () => {}, { ...opts, now: () => clock });
    const forgotten = opened.log.segments.filter((s) => s.forgotten).map((s) => s.id);
    expect(forgotten.length).toBeGreaterThan(10);
    expect(opened.skipped).toEqual(forgotten);
    expect(opened.log.get('k1')).toBeUndefined();
    expect(opened.log.get('k399')?.reply).toEqual({ ok: true, i: 399 });
    expect(opened.log.nextQ).toBeGreaterThan(400);
    // Uncompacted segments (entries the checkpoint may lack) are still read, even if old.
    const again = await openFeedLog(dir, 10, () => {}, { ...opts, now: () => clock });
    expect(again.skipped.length).toBeGreaterThan(0);
    opened.log.close();
    again.log.close();
  });

  it('reads BINTWIN_FEED_DEDUP_MAX_KEYS and names a bad value', () => {
    expect(dedupMaxKeysFromEnv({})).toBe(DEFAULT_DEDUP_MAX_KEYS);
    expect(dedupMaxKeysFromEnv({ BINTWIN_FEED_DEDUP_MAX_KEYS: '5000' })).toBe(5000);
    expect(() => dedupMaxKeysFromEnv({ BINTWIN_FEED_DEDUP_MAX_KEYS: '1.5' })).toThrow(
      /BINTWIN_FEED_DEDUP_MAX_KEYS.*"1\.5"/,
    );
  });
});
