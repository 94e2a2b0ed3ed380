import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEGMENT_BYTES, segmentFile } from './feedLog.ts';
import { openFeedLog } from './feedLogOpen.ts';
import { fieldDigests } from './feedRecords.ts';

/** Acknowledged messages in the log: 200,000 in `npm test`; BINTWIN_FEED_SCALE=2000000 for the full run (minutes on a shared box). */
const COUNT = Number(process.env['BINTWIN_FEED_SCALE'] ?? 200_000);
/** The newest messages still hold their entries (after the last checkpoint); older segments are compacted. */
const TAIL = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'bintwin-feedscale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scanOf = (i: number) => ({
  device: `rf-${i % 40}`,
  user: 'u1',
  role: 'receiver',
  step: 'receive' as const,
  raw: `]C10109506000134352102LOT${i % 97}\u001d30${(i % 9) + 1}`,
  clientEventId: `c${i}`,
  deviceTime: '2026-01-01T08:00:00.000Z',
});

/** Writes the log at the format's level: compacted segments of answers, then a tail with entries. */
function writeLog(): number {
  let seg = 1;
  let fd = openSync(segmentFile(dir, seg), 'w');
  let bytes = 0;
  let parts: string[] = [];
  let chars = 0;
  const flush = () => {
    const b = Buffer.from(parts.join(''), 'utf8');
    writeSync(fd, b);
    bytes += b.length;
    parts = [];
    chars = 0;
  };
  for (let i = 1; i <= COUNT; i++) {
    const scan = scanOf(i);
    const key = `scan:${scan.device}:${scan.clientEventId}`;
    const f = fieldDigests({ kind: 'scan', scan });
    const reply = { clientEventId: scan.clientEventId, ok: true, accepted: 'line', eventIds: [`E${i}`] };
    if (i > COUNT - TAIL)
      parts.push(
        JSON.stringify({
          t: 'e',
          q: i,
          k: key,
          at: '2026-01-01T08:00:00.000Z',
          n: i,
          simTime: i,
          ev: i,
          entry: { kind: 'scan', scan },
          f,
        }),
        '\n',
      );
    const line = JSON.stringify({ t: 'r', q: i, k: key, n: i, reply, events: [`E${i}`], f }) + '\n';
    parts.push(line);
    chars += line.length;
    if (chars > 1 << 20) flush();
    if (bytes > DEFAULT_SEGMENT_BYTES && i <= COUNT - TAIL) {
      flush();
      closeSync(fd);
      fd = openSync(segmentFile(dir, ++seg), 'w');
      bytes = 0;
    }
  }
  flush();
  closeSync(fd);
  return seg;
}

describe(`feed log at scale (${COUNT.toLocaleString('en')} acknowledged messages)`, () => {
  it(
    'streams at start-up with bounded memory and still answers every old key from disk',
    async () => {
      const segments = writeLog();
      const heap0 = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const applied = COUNT - 2_000;
      const opened = await openFeedLog(dir, applied, () => {});
      const ms = performance.now() - t0;
      const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
      const stats = opened.log.stats();
      console.log(
        `feed log ${COUNT} messages in ${segments} segments: opened in ${(ms / 1000).toFixed(1)} s, ` +
          `heap +${heapMb.toFixed(0)} MB, index ${(stats.indexBytes / 2 ** 20).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
      );
      expect(stats.keys).toBe(COUNT);
      // The backlog is the tail past the checkpoint, with the ordinals the results recorded.
      expect(opened.backlog.length).toBe(2_000);
      expect(opened.backlog[0]!.n).toBe(applied + 1);
      // Memory per key is the documented bound (index ≤ 43 bytes a key), not the ~0.9 KB record.
      expect(stats.indexBytes / COUNT).toBeLessThanOrEqual(43);
      for (const i of [1, 2, Math.floor(COUNT / 2), COUNT]) {
        const s = scanOf(i);
        const k = opened.log.get(`scan:${s.device}:${s.clientEventId}`);
        expect(k?.reply).toMatchObject({ clientEventId: `c${i}`, eventIds: [`E${i}`] });
      }
      expect(opened.log.get('scan:rf-1:never')).toBeUndefined();
      opened.log.close();
    },
    Math.max(120_000, COUNT / 4),
  );
});
