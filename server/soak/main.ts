import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { createEngine, scenarioSchema } from '../../sim/index.ts';
import { growthAtConstantRate, growthPerHour, rssOf, type MemorySample } from './memorySlope.ts';
import { parseSoakArgs } from './soakArgs.ts';
import { growthOverWholeCycles } from './cycleMeans.ts';
import { describeVerdict, slopeVerdict } from './slopeVerdict.ts';

/**
 * `npm run soak -- --hours N`: a live server (child process, demo-dc at speed 60) with a wall
 * screen of socket viewers and a scanner feed under steady load (receipt scans in batches,
 * and EPCIS events the twin flags), sampling the server's RSS every `--sample-seconds`.
 * Prints each sample and, at the end, the growth per hour after a warm-up (least squares).
 */
const parsed = parseSoakArgs(
  process.argv.slice(2),
  (t) => process.stdout.write(t),
  (t) => process.stderr.write(t),
);
if (typeof parsed === 'number') process.exit(parsed);
// The verdict fits the heap over the last (1 - fit-share) of the run: the first part holds the
// bounded structures filling (recent events, reply window, recovery buffer), not a leak.
const { hours, viewers, rate, sampleMs, fitShare, speed, snapshotDir, snapshotMinutes } = parsed;
if (snapshotDir !== undefined) mkdirSync(snapshotDir, { recursive: true });

const BIN = fileURLToPath(new URL('../bin/bintwin.js', import.meta.url));
const data = mkdtempSync(join(tmpdir(), 'bintwin-soak-'));
const ADMIN = 'soak-admin';
// The child reports its heap after a forced GC twice per sample (server/soak/heapReport.js).
const HEAP_REPORT = pathToFileURL(fileURLToPath(new URL('./heapReport.js', import.meta.url))).href;
// Bounded structures with small caps, so they are full within minutes and the fit measures
// steady state rather than filling: the inspector's recent events (default 20,000, filling for
// ~an hour at ×60) and the dedup keys in memory (default 2 M; past the cap they move to disk,
// so the digest index outside the heap levels off too). Either can be set in the env instead.
const childEnv = {
  BINTWIN_RECENT_EVENTS_MAX: process.env['BINTWIN_RECENT_EVENTS_MAX'] ?? '2000',
  BINTWIN_FEED_DEDUP_MAX_KEYS: process.env['BINTWIN_FEED_DEDUP_MAX_KEYS'] ?? '50000',
};
process.stdout.write(
  `caps: BINTWIN_RECENT_EVENTS_MAX=${childEnv.BINTWIN_RECENT_EVENTS_MAX} BINTWIN_FEED_DEDUP_MAX_KEYS=${childEnv.BINTWIN_FEED_DEDUP_MAX_KEYS}\n`,
);
const child = spawn(
  process.execPath,
  [
    '--expose-gc',
    '--import',
    HEAP_REPORT,
    BIN,
    'serve',
    'demo-dc',
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--data-dir',
    data,
    '--speed',
    String(speed),
  ],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...childEnv,
      BINTWIN_ADMIN_TOKEN: ADMIN,
      BINTWIN_SOAK_HEAP_MS: String(sampleMs / 2),
      ...(snapshotDir === undefined
        ? {}
        : { BINTWIN_SOAK_SNAPSHOT_DIR: snapshotDir, BINTWIN_SOAK_SNAPSHOTS: snapshotMinutes.join(',') }),
    },
  },
);
let heapMb = Number.NaN;
let externalMb = Number.NaN;
let errors = 0;
child.stderr.on('data', (b: Buffer) => process.stderr.write(`[server] ${b.toString()}`));
const port = await new Promise<number>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (b: Buffer) => {
    const text = b.toString();
    for (const m of text.matchAll(/\{"soakHeapBytes":(\d+),"soakExternalBytes":(\d+)\}/g)) {
      heapMb = Number(m[1]) / 2 ** 20;
      externalMb = Number(m[2]) / 2 ** 20;
    }
    if (out.length < 100_000) out += text;
    const m = /"port":(\d+)/.exec(out);
    if (m) resolve(Number(m[1]));
  });
  child.on('exit', (c) => reject(new Error(`server exited ${c}: ${out}`)));
});
const base = `http://127.0.0.1:${port}`;
let resets = 0;
// A connection reset (a keep-alive socket closed as it was reused) is counted and retried
// later; a dead server shows as the child's exit, which ends the loop.
const post = async (path: string, body: unknown, token: string): Promise<number> => {
  try {
    const r = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    await r.arrayBuffer();
    if (r.status >= 500) errors++;
    return r.status;
  } catch (e) {
    resets++;
    // Name the failure (undici wraps the socket error as `cause`), so a reset can be traced to its side.
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    process.stdout.write(
      `connection reset at ${((Date.now() - t0) / 60_000).toFixed(1)} min on ${path}: ${String(e)}; cause ${cause?.code ?? ''} ${cause?.message ?? ''}\n`,
    );
    return 0;
  }
};
process.on('exit', () => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

const scenario = scenarioSchema.parse(
  JSON.parse(readFileSync(new URL('../../scenarios/demo-dc.json', import.meta.url), 'utf8')),
);
const probe = createEngine(scenario).site();
const dock = probe.bins.find((b) => b.type === 'dock' || b.type === 'staging')!.code;
const gtin = probe.items[0]!.uoms[0]!.gtin;
const reg = await fetch(`${base}/api/devices`, {
  method: 'POST',
  headers: { authorization: `Bearer ${ADMIN}` },
  body: JSON.stringify({ id: 'soak-rf', steps: ['receive', 'epcis'] }),
});
const { token } = (await reg.json()) as { token: string };

const sockets: Socket[] = [];
let frames = 0;
for (let i = 0; i < viewers; i++) {
  const s = connect(base, { parser: msgpackParser, transports: ['websocket'] });
  s.onAny(() => frames++);
  sockets.push(s);
}

const t0 = Date.now();
const end = t0 + hours * 3_600_000;
const samples: (MemorySample & { scans: number })[] = [];
let sent = 0;
let n = 0;
const sample = (): void => {
  const s = {
    t: Date.now() - t0,
    scans: sent,
    rssMb: rssOf(child.pid!, (p) => readFileSync(p, 'utf8')),
    heapMb,
    externalMb,
  };
  samples.push(s);
  process.stdout.write(
    `${(s.t / 60_000).toFixed(1)} min  rss ${s.rssMb.toFixed(1)} MB  heap after GC ${s.heapMb.toFixed(1)} MB  external ${s.externalMb.toFixed(1)} MB  scans ${sent}  frames ${frames}  5xx ${errors}  resets ${resets}\n`,
  );
};
sample();
const timer = setInterval(sample, sampleMs);
const GS = '\u001d';
const scan = (raw: string): Record<string, unknown> => ({
  device: 'soak-rf',
  user: 'soak',
  role: 'receiver',
  step: 'receive',
  raw,
  clientEventId: `s${++n}`,
  deviceTime: new Date().toISOString(),
});
// Batches of 10 scans (5 receipt lines of a pool of 50 lots, so ledger records stay bounded), paced to --rate.
while (Date.now() < end && child.exitCode === null) {
  const started = Date.now();
  const batch = [];
  for (let i = 0; i < 5; i++) batch.push(scan(dock), scan(`]C1${'01' + gtin}10L${n % 50}${GS}301`));
  await post('/api/scans', { scans: batch }, token);
  sent += batch.length;
  if (n % 100 === 0)
    await post(
      '/epcis/events',
      {
        type: 'ObjectEvent',
        eventID: `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        eventTime: new Date().toISOString(),
        eventTimeZoneOffset: '+00:00',
        action: 'OBSERVE',
        epcList: ['urn:epc:id:sgtin:0000000.000000.1'],
      },
      token,
    );
  const wait = (batch.length / rate) * 1000 - (Date.now() - started);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
clearInterval(timer);
sample();
for (const s of sockets) s.close();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
const slope = growthPerHour(samples);
const heapOf = (x: MemorySample): number => x.heapMb ?? Number.NaN;
const heapSlope = growthPerHour(samples, 0.2, heapOf);
const tailSlope = growthPerHour(samples, fitShare, heapOf);
const externalSlope = growthPerHour(samples, fitShare, (x) => x.externalMb ?? Number.NaN);
const tail = samples.slice(Math.floor(samples.length * fitShare));
const tailMinutes = tail.length > 1 ? (tail.at(-1)!.t - tail[0]!.t) / 60_000 : 0;
const firstHeap = samples.find((x) => Number.isFinite(x.heapMb))?.heapMb ?? Number.NaN;
const minutes = (samples.at(-1)!.t - samples[0]!.t) / 60_000;
// The heap level follows the feed rate (the 2-minute recovery buffer, in-flight batches), so a
// rate that changed inside the fit window moves the fit without any leak: say how steady it was.
const rateOf = (a: (typeof samples)[number], b: (typeof samples)[number]): number =>
  ((b.scans - a.scans) * 1000) / Math.max(1, b.t - a.t);
const mid = tail[Math.floor(tail.length / 2)] ?? tail[0]!;
const rateEarly = tail.length > 2 ? rateOf(tail[0]!, mid) : Number.NaN;
const rateLate = tail.length > 2 ? rateOf(mid, tail.at(-1)!) : Number.NaN;
// The same tail fitted with the rate over the 2 minutes before each sample as a second regressor.
const trailing = (x: (typeof samples)[number]): number => {
  const from = samples.find((y) => y.t >= x.t - 120_000) ?? x;
  return from === x ? Number.NaN : rateOf(from, x);
};
// The heap swings with the simulated day (24 wall minutes at ×60, --speed scales it): whole-day means do not lean with the phase.
const SIM_DAY_MS = 86_400_000 / speed;
const daily = growthOverWholeCycles(
  tail.map((x) => ({ t: x.t, y: heapOf(x) })),
  SIM_DAY_MS,
);
// The verdict: the tail's slope with a 95 % interval widened for correlated residuals
// (server/soak/slopeVerdict.ts). The fit with the simulated day's cycle beside it is printed
// too, not used for the verdict: on a loaded box the day's wall length drifts, and on the
// 2.2 h run its terms widened the interval rather than narrowing it.
const tailHeap = tail.map((x) => ({ t: x.t, y: heapOf(x) }));
const verdict = slopeVerdict(tailHeap);
const verdictWithDay = slopeVerdict(tailHeap, { periodMs: SIM_DAY_MS });
const rated = growthAtConstantRate(tail.map((x) => ({ t: x.t, y: heapOf(x), rate: trailing(x) })));
process.stdout.write(
  `soak ${hours} h (${minutes.toFixed(1)} min): ${sent} scans (${(sent / (minutes * 60)).toFixed(0)}/s), ${frames} view frames to ${viewers} viewers, ${errors} 5xx, ${resets} connection resets; ` +
    `rss ${samples[0]!.rssMb.toFixed(1)} → ${samples.at(-1)!.rssMb.toFixed(1)} MB, growth after warm-up ${slope.toFixed(1)} MB/h; ` +
    `heap after GC ${firstHeap.toFixed(1)} → ${(samples.at(-1)!.heapMb ?? Number.NaN).toFixed(1)} MB, growth after warm-up ${heapSlope.toFixed(1)} MB/h; ` +
    `external ${(samples.find((x) => Number.isFinite(x.externalMb))?.externalMb ?? Number.NaN).toFixed(1)} → ${(samples.at(-1)!.externalMb ?? Number.NaN).toFixed(1)} MB\n` +
    `point estimates (no verdict): heap after GC over the last ${tailMinutes.toFixed(0)} min ${tailSlope.toFixed(2)} MB/h; external ${externalSlope.toFixed(2)} MB/h; ` +
    `scan rate in that window ${rateEarly.toFixed(0)}/s then ${rateLate.toFixed(0)}/s\n` +
    `at a constant rate (heap fitted on time and the last 2 min's rate): ${rated.mbPerHour.toFixed(2)} MB/h; ` +
    `${rated.mbPerRate.toFixed(3)} MB per scan/s\n` +
    `over whole simulated days (means ${daily.means.map((m) => m.y.toFixed(2)).join(', ')} MB): ${daily.mbPerHour.toFixed(2)} MB/h\n` +
    `with the simulated day's cycle fitted beside time: ${describeVerdict(verdictWithDay)}\n` +
    `VERDICT, heap after GC over the last ${tailMinutes.toFixed(0)} min: ${describeVerdict(verdict)}\n`,
);
if (snapshotDir !== undefined && snapshotMinutes.length > 1)
  process.stdout.write(
    `heap snapshots in ${snapshotDir} at minutes ${snapshotMinutes.join(', ')}; what grew between two: ` +
      `npx tsx server/soak/heapDiff.ts ${join(snapshotDir, `soak-${snapshotMinutes[0]}min.heapsnapshot`)} ` +
      `${join(snapshotDir, `soak-${snapshotMinutes.at(-1)}min.heapsnapshot`)}\n`,
  );
rmSync(data, { recursive: true, force: true });
process.exit(errors > 0 ? 1 : 0);
