import { Piscina } from 'piscina';
import type { Logger } from 'pino';
import type { ForkChange, ForkReplication } from '../../sim/forecastApi.ts';
import { PROTOCOL_VERSION, type ForecastMessage, type ForecastResult } from '../../sim/view/protocol.ts';
import type { ForecastTask } from './forecastTask.ts';
import { summariseArm, summariseDifference } from './forecastSummary.ts';

/** A forecast refused because enough are already running (HTTP 429). */
export class ForecastBusyError extends Error {
  override readonly name = 'ForecastBusyError';
}

/** A forecast that ran past its time bound and was cancelled (HTTP 503). */
export class ForecastTimeoutError extends Error {
  override readonly name = 'ForecastTimeoutError';
}

/** How the service runs forecasts. */
export interface ForecastServiceOptions {
  /** Worker threads (default 1: the live run keeps the other core). */
  threads?: number;
  /** Forecasts running at once; more are refused (default 1). */
  maxConcurrent?: number;
  /** Wall-time bound of one forecast (default 120 s). */
  timeoutMs?: number;
  log: Logger;
}

/** Everything a forecast needs, resolved against the live run by the route. */
export interface ForecastJob {
  runId: string;
  scenarioJson: string;
  snapshotJson: string;
  from: number;
  horizon: number;
  horizonKind: 'cutoff' | 'time';
  replications: number;
  level: number;
  change: ForkChange | null;
  requestedBy: string;
}

/**
 * Runs fork-from-now forecasts on a kept pool of worker threads (piscina, as experiments do),
 * off the event loop so the live run keeps ticking and streaming; tells listeners (the sockets)
 * each result. Bounded: `maxConcurrent` forecasts at once, each within `timeoutMs`.
 */
export class ForecastService {
  private pool: Piscina<ForecastTask, ForkReplication> | null = null;
  private running = 0;
  private count = 0;
  private readonly listeners: ((m: ForecastMessage) => void)[] = [];
  private readonly threads: number;
  private readonly maxConcurrent: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: ForecastServiceOptions) {
    this.threads = opts.threads ?? 1;
    this.maxConcurrent = opts.maxConcurrent ?? 1;
    this.timeoutMs = opts.timeoutMs ?? 120_000;
  }

  /** Calls `f` with every finished forecast. */
  onResult(f: (m: ForecastMessage) => void): void {
    this.listeners.push(f);
  }

  /** Runs a forecast: both arms' replications on the pool, then the statistics. */
  async run(job: ForecastJob): Promise<ForecastResult> {
    if (this.running >= this.maxConcurrent)
      throw new ForecastBusyError(
        `${this.running} forecast${this.running === 1 ? ' is' : 's are'} already running (at most ${this.maxConcurrent}); retry when it ends`,
      );
    this.running++;
    const id = `${job.runId}/fc-${++this.count}`;
    const t0 = performance.now();
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    try {
      const pool = (this.pool ??= new Piscina<ForecastTask, ForkReplication>({
        filename: new URL('./forecastWorker.js', import.meta.url).href,
        minThreads: this.threads,
        maxThreads: this.threads,
        concurrentTasksPerWorker: 1,
        idleTimeout: 60_000,
      }));
      const arm = (change: ForkChange | null): Promise<ForkReplication[]> =>
        Promise.all(
          Array.from({ length: job.replications }, (_, replication) =>
            pool.run(
              {
                scenarioJson: job.scenarioJson,
                snapshotJson: job.snapshotJson,
                replication,
                horizonMs: job.horizon,
                change,
              },
              { signal: abort.signal },
            ),
          ),
        );
      const [asIs, changed] = await Promise.all([arm(null), job.change ? arm(job.change) : null]);
      const result: ForecastResult = {
        id,
        runId: job.runId,
        from: job.from,
        horizon: job.horizon,
        horizonKind: job.horizonKind,
        replications: job.replications,
        level: job.level,
        change: job.change,
        asIs: summariseArm(asIs, job.level),
        changed: changed ? summariseArm(changed, job.level) : null,
        difference: changed ? summariseDifference(asIs, changed, job.level) : null,
        elapsedMs: Math.round(performance.now() - t0),
        requestedBy: job.requestedBy,
      };
      this.opts.log.info(
        { forecast: id, replications: job.replications, elapsedMs: result.elapsedMs },
        'forecast done',
      );
      const msg: ForecastMessage = { type: 'forecast.result', v: PROTOCOL_VERSION, forecast: result };
      for (const f of this.listeners) f(msg);
      return result;
    } catch (err) {
      if (abort.signal.aborted)
        throw new ForecastTimeoutError(
          `forecast ${id} took longer than ${Math.round(this.timeoutMs / 1000)} s and was cancelled; ask for fewer replications or a nearer horizon`,
        );
      throw err;
    } finally {
      clearTimeout(timer);
      this.running--;
    }
  }

  /** Ends the worker threads. */
  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    await p?.destroy();
  }
}
