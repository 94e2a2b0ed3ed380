import { Session } from 'node:inspector';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { round } from './benchCase.ts';

/**
 * What every bench case reports besides its own figures: CPU and wall time, the share of wall
 * time the collector paused the program, bytes allocated, peak RSS, and a calibration loop run
 * in the same process just before and after, so figures from a loaded machine can be
 * normalised (divide a rate by `calibration.mopsPerSec`).
 */
export interface RunMetrics {
  wallSeconds: number;
  cpuSeconds: number;
  /** GC pauses (perf_hooks 'gc' entries) ÷ wall time. */
  gcPauseShare: number;
  gcPauses: number;
  /**
   * Bytes allocated on the JS heap during the run. Node 20's V8 exposes no cumulative
   * allocation counter (getHeapStatistics has no total_allocated_bytes), so this is the V8
   * sampling heap profiler's estimate with collected objects included: one sample per
   * ~128 KiB, each scaled to the bytes it stands for (a few % error; overhead negligible).
   */
  allocatedBytes: number | null;
  peakRssMb: number;
  /** Calibration loop: million operations per CPU-second, before and after the run. */
  calibration: { mopsPerSec: number; before: number; after: number };
}

const SAMPLING_INTERVAL = 128 * 1024;

/**
 * A fixed, deterministic CPU workload shaped like the engine's (a typed binary heap of timed
 * events, a multiplicative hash, Math.log): its rate is what "this machine, right now" can do.
 * Returns million heap operations per CPU-second.
 */
export function calibrate(ops = 2_000_000): number {
  const cap = 64;
  const heap = new Float64Array(cap);
  let n = 0;
  let x = 12345;
  let sink = 0;
  const c0 = process.cpuUsage();
  for (let i = 0; i < ops; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
    const t = -Math.log((x + 1) / 4294967297);
    if (n === cap) {
      // Pop the minimum (sift down) to keep a steady population, like a future-event list.
      sink += heap[0]!;
      const last = heap[--n]!;
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= n) break;
        const c = l + 1 < n && heap[l + 1]! < heap[l]! ? l + 1 : l;
        if (heap[c]! >= last) break;
        heap[j] = heap[c]!;
        j = c;
      }
      heap[j] = last;
    }
    let k = n++;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (heap[p]! <= t) break;
      heap[k] = heap[p]!;
      k = p;
    }
    heap[k] = t;
  }
  const cpu = process.cpuUsage(c0);
  if (sink < 0) throw new Error('unreachable: keeps the loop from being optimised away');
  return ops / 1e6 / Math.max(1e-6, (cpu.user + cpu.system) / 1e6);
}

/** Peak resident set size of this process so far, in MB. */
function peakRss(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function post<T>(s: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    s.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))),
  );
}

interface SamplingNode {
  selfSize: number;
  children: SamplingNode[];
}

function totalSize(n: SamplingNode): number {
  let s = n.selfSize;
  for (const c of n.children) s += totalSize(c);
  return s;
}

/** Starts the allocation sampler; the returned function stops it and gives the bytes (null if unavailable). */
async function startAllocationSampling(): Promise<() => Promise<number | null>> {
  const s = new Session();
  try {
    s.connect();
    await post(s, 'HeapProfiler.enable');
    await post(s, 'HeapProfiler.startSampling', {
      samplingInterval: SAMPLING_INTERVAL,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
  } catch {
    s.disconnect();
    return () => Promise.resolve(null);
  }
  return async () => {
    try {
      const r = await post<{ profile: { head: SamplingNode } }>(s, 'HeapProfiler.stopSampling');
      return totalSize(r.profile.head);
    } catch {
      return null;
    } finally {
      s.disconnect();
    }
  };
}

/** Runs `fn` with the metrics of RunMetrics taken around it. */
export async function measureRun<T>(fn: () => Promise<T>): Promise<{ result: T; metrics: RunMetrics }> {
  const before = calibrate();
  let gcMs = 0;
  let gcPauses = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      gcMs += e.duration;
      gcPauses++;
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  const stopSampling = await startAllocationSampling();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const allocatedBytes = await stopSampling();
  // GC entries are delivered asynchronously: let the last ones arrive before reading the sum.
  await new Promise<void>((resolve) => setTimeout(resolve, 20));
  obs.disconnect();
  const after = calibrate();
  return {
    result,
    metrics: {
      wallSeconds: round(wall),
      cpuSeconds: round((cpu.user + cpu.system) / 1e6),
      gcPauseShare: round(gcMs / 1000 / Math.max(wall, 1e-9), 4),
      gcPauses,
      allocatedBytes: allocatedBytes === null ? null : Math.round(allocatedBytes),
      peakRssMb: peakRss(),
      calibration: {
        mopsPerSec: round((before + after) / 2, 2),
        before: round(before, 2),
        after: round(after, 2),
      },
    },
  };
}

/**
 * The harness's columns for a case's JSON line: the metrics, bytes allocated per customer and
 * per event when the case reports those counts, and its rates divided by the calibration rate.
 */
export function metricFigures(figures: Record<string, unknown>, m: RunMetrics): Record<string, unknown> {
  const out: Record<string, unknown> = {
    cpuSeconds: m.cpuSeconds,
    runWallSeconds: m.wallSeconds,
    gcPauseShare: m.gcPauseShare,
    gcPauses: m.gcPauses,
    allocatedMb: m.allocatedBytes === null ? null : round(m.allocatedBytes / 1e6, 1),
    peakRssMb: m.peakRssMb,
    calibrationMops: m.calibration.mopsPerSec,
    calibrationBeforeAfter: [m.calibration.before, m.calibration.after],
  };
  for (const [count, key] of [
    ['customers', 'bytesPerCustomer'],
    ['events', 'bytesPerEvent'],
  ] as const) {
    const n = figures[count];
    if (typeof n === 'number' && n > 0 && m.allocatedBytes !== null)
      out[key] = Math.round(m.allocatedBytes / n);
    // Per CPU-second: what a loaded machine's wall clock cannot show (other processes' turns).
    if (typeof n === 'number' && m.cpuSeconds > 0) out[`${count}PerCpuSec`] = Math.round(n / m.cpuSeconds);
  }
  // Rates per calibration unit: "customers per million calibration operations" is comparable
  // across a quiet and a loaded machine, within the limits of one yardstick.
  for (const [k, v] of Object.entries(figures)) {
    if (k.endsWith('PerSec') && typeof v === 'number' && m.calibration.mopsPerSec > 0) {
      out[`${k}PerCalMops`] = Math.round(v / m.calibration.mopsPerSec);
    }
  }
  return out;
}
