import type { Logger } from 'pino';
import type { Engine } from '../../sim/index.ts';
import type { ExceptionInput, FeedApplied, FeedEntry } from '../../sim/mirrorApi.ts';
import { mirrorExceptions } from '../../sim/mirrorApi.ts';
import { HttpError } from '../http/httpErrors.ts';
import type { ExternalBacklogEntry } from '../live/runner.ts';
import type { FeedTarget } from './feedTarget.ts';
import { ReplayRestart } from '../live/runRebuild.ts';
import { DigestIndex } from './digestIndex.ts';
import { FeedLog, type FeedLogOptions, type KnownKey } from './feedLog.ts';
import { listSegments, openFeedLog } from './feedLogOpen.ts';
import { FeedQuarantine } from './feedQuarantine.ts';
import {
  differingFields,
  fieldDigests,
  type EntryRecord,
  type FeedLogRecord,
  type ResultRecord,
  type VoidRecord,
} from './feedRecords.ts';

/** The answer to a submitted message: the reply, and whether it was a repeat. */
export interface Ack {
  duplicate: boolean;
  reply: unknown;
}

/** Ingest settings: feed log settings, and fault-injection hooks for tests. */
export interface FeedIngestOptions {
  log?: FeedLogOptions;
  /** Called before each entry is applied. */
  beforeApply?: (key: string) => void;
  /** Applies an entry in place of `apply` (the engine's feed command): a test wraps it to throw part-way. */
  applyEntry?: (engine: Engine, key: string, entry: FeedEntry, apply: ApplyFeed) => AppliedFeed;
}

/** What applying one feed entry gives back: the sender's answer, events made, entries applied. */
export type AppliedFeed = FeedApplied & { applied: number };

/** Applies one feed entry to an engine (throws when the engine cannot take it). */
export type ApplyFeed = (engine: Engine, key: string, entry: FeedEntry) => AppliedFeed;

/** The real apply: the engine's `feed` command, a refusal or throw raised as an error. */
const applyThroughCommand: ApplyFeed = (engine, key, entry) => {
  const a = engine.apply({ type: 'feed', key, entry });
  if (!a.ok) throw new Error(a.message);
  return a;
};

/** A batch whose world is being rolled back: what to answer once the rebuild is done. */
interface Rollback {
  done: Promise<void>;
  /** The entry that threw (answered 422). */
  failed: { job: Job; why: string };
  /** Entries after it in the batch: the rebuild applies them; answers come from the log. */
  pending: Job[];
  later: { job: Job; first: Job }[];
}

interface Job {
  key: string;
  entry: FeedEntry;
  resolve: (a: Ack) => void;
  reject: (e: unknown) => void;
}

/**
 * Write-ahead group commit for the feeds. Messages submitted in the same turn of the event loop
 * form one batch, in submission order (that order is the journal order, whatever the device
 * clocks say). Each new entry is serialised and the batch fsynced to the feed log *before* the
 * world sees it; only then is it applied, its answer logged, the journal fsynced, and every
 * message acknowledged. So a failure before the log write applies nothing and says so; a crash
 * after it re-applies the logged entries at start-up (`backlog`); an entry that throws while
 * applied is voided and quarantined, never retried into a crash loop. A key seen before gets
 * the first answer again — or 409 naming the fields, if the content differs.
 */
export class FeedIngest {
  private queue: Job[] = [];
  private scheduled = false;
  private log: FeedLog | null = null;
  private quarantine: FeedQuarantine | null = null;
  private runner: FeedTarget | null = null;

  /** Ingest into the runner's current run (bound later with `bind`, as the runner needs `backlog` first). */
  constructor(
    private readonly logger: Logger,
    private readonly opts: FeedIngestOptions = {},
  ) {}

  /** Binds the runner (or one site of a network run) whose current run the feed goes into. */
  bind(runner: FeedTarget): this {
    this.runner = runner;
    return this;
  }

  /** Queues one message under its idempotency key; resolves once it is durable and applied. */
  submit(key: string, entry: FeedEntry): Promise<Ack> {
    return new Promise((resolve, reject) => {
      this.queue.push({ key, entry, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Whether a key was already acknowledged in the current run. */
  seen(key: string): boolean {
    return this.feedLog().get(key) !== undefined;
  }

  /** What the current run's log knows of a key. */
  known(key: string): KnownKey | undefined {
    return this.feedLog().get(key);
  }

  /** Memory and size figures of the current log. */
  stats(): ReturnType<FeedLog['stats']> & { quarantined: number } {
    return { ...this.feedLog().stats(), quarantined: this.quarantine?.count ?? 0 };
  }

  /**
   * Start-up: reads the run's feed log (streamed) and returns the logged entries the resumed
   * checkpoint does not hold, each re-applied through a guard that quarantines it instead of
   * throwing. The log stays open for the ingest.
   */
  async backlog(folder: string, engine: Engine): Promise<ExternalBacklogEntry[]> {
    this.openQuarantine(folder);
    const q = this.quarantine!;
    const opened = await openFeedLog(folder, engine.feedEntriesApplied(), (x) => q.put(x), this.opts.log);
    this.log?.close();
    this.log = opened.log;
    const log = opened.log;
    if (opened.unreadable > 0)
      this.logger.error({ folder, lines: opened.unreadable }, 'feed log lines quarantined: unreadable');
    return opened.backlog.map((e) => ({
      key: e.k,
      simTime: e.simTime,
      eventsProcessed: e.ev,
      apply: (into: Engine) => {
        if (e.voided !== undefined) return recordQuarantined(into, e, e.voided);
        const r = this.applyOne(into, e, 'replay');
        if (r.t === 'r') {
          if (!e.hasResult) this.tryAppend(log, 'results', [r]);
          return;
        }
        // It threw part-way: the world under replay is half-changed. Void it durably, then
        // start the rebuild over without it (a void that cannot be written must not loop).
        if (!this.tryAppend(log, 'results', [r]))
          throw new Error(`feed entry ${e.k} threw on replay and its void could not be logged; see the log`);
        throw new ReplayRestart(`${e.k} ${r.reason}`);
      },
    }));
  }

  /**
   * Applies one logged entry; a throw becomes a void record and a quarantine line. The world it
   * threw in may be half-changed: the caller rolls it back (a rebuild from the checkpoint, which
   * records the quarantine exception in the rebuilt world where the entry was).
   */
  private applyOne(engine: Engine, e: EntryRecord, when: 'live' | 'replay'): ResultRecord | VoidRecord {
    try {
      this.opts.beforeApply?.(e.k);
      const a = this.opts.applyEntry
        ? this.opts.applyEntry(engine, e.k, e.entry, applyThroughCommand)
        : applyThroughCommand(engine, e.k, e.entry);
      const rec = { t: 'r' as const, q: e.q, k: e.k, n: a.applied, reply: a.reply, f: e.f };
      return a.events ? { ...rec, events: a.events } : rec;
    } catch (err) {
      const reason = `could not be applied (${when}): ${err instanceof Error ? err.message : String(err)}`;
      this.quarantine?.put({ reason, record: e });
      this.logger.error({ key: e.k, err }, `feed entry quarantined: ${reason}`);
      return { t: 'v', q: e.q, k: e.k, reason: reason.slice(0, 1000) };
    }
  }

  private tryAppend(log: FeedLog, kind: 'results', recs: FeedLogRecord[]): boolean {
    try {
      log.append(
        kind,
        recs.map((rec) => ({ rec, line: JSON.stringify(rec) })),
      );
      return true;
    } catch (err) {
      // The entries are durable already; only their answers are missing (re-derived on replay).
      this.logger.error({ err, records: recs.length }, 'feed log: answers not written');
      return false;
    }
  }

  private openQuarantine(folder: string): void {
    if (this.quarantine?.folder !== folder) this.quarantine = new FeedQuarantine(folder, this.logger);
  }

  /** The log of the current run (a new run starts an empty one). */
  private feedLog(): FeedLog {
    if (!this.runner) throw new Error('feed ingest not bound to a runner');
    const { folder } = this.runner.currentRun();
    if (!this.log || this.log.folder !== folder) {
      if (listSegments(folder).length > 0)
        throw new HttpError(503, `the feed log of ${folder} was not opened at start-up; restart the server`);
      this.log?.close();
      this.log = new FeedLog(folder, [], new DigestIndex(), 1, this.opts.log);
      this.openQuarantine(folder);
    }
    return this.log;
  }

  private flush(): void {
    // A rollback in progress: the batch waits for the rebuilt world (it is queued, not refused).
    const rolling = this.runner?.rollingBack();
    if (rolling) {
      void rolling.catch(() => undefined).then(() => this.flush());
      return;
    }
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    if (jobs.length === 0) return;
    const done = new Set<Job>();
    const settle = (j: Job, f: () => void): void => {
      if (done.has(j)) return;
      done.add(j);
      f();
    };
    const acks = new Map<Job, Ack>();
    let applied = false;
    /** Set when an entry threw part-way: the world is rolled back and the rest answered after. */
    let rollback: Rollback | null = null;
    try {
      const log = this.feedLog();
      this.runner!.applyExternal((engine) => {
        const fresh: { job: Job; rec: EntryRecord; line: string }[] = [];
        const inBatch = new Map<string, { job: Job; f: EntryRecord['f'] }>();
        const later: { job: Job; first: Job }[] = [];
        const base = engine.feedEntriesApplied();
        for (const j of jobs) {
          let f: EntryRecord['f'];
          try {
            f = fieldDigests(j.entry);
          } catch (err) {
            settle(j, () => j.reject(unstorable(j.key, err)));
            continue;
          }
          const prior = log.get(j.key) ?? inBatch.get(j.key);
          if (prior) {
            const diff = differingFields(prior.f, f);
            if (diff.length > 0) settle(j, () => j.reject(reusedId(j.key, diff)));
            else if ('job' in prior) later.push({ job: j, first: prior.job });
            else settle(j, () => j.resolve({ duplicate: true, reply: prior.reply }));
            continue;
          }
          const rec: EntryRecord = {
            t: 'e',
            q: log.nextQ++,
            k: j.key,
            at: new Date().toISOString(),
            n: base + fresh.length + 1,
            simTime: engine.now(),
            ev: engine.eventsProcessed(),
            entry: j.entry,
            f,
          };
          let line: string;
          try {
            line = JSON.stringify(rec);
          } catch (err) {
            settle(j, () =>
              j.reject(
                new HttpError(
                  400,
                  `message ${j.key} cannot be stored, so it was not applied: ${String(err)}`,
                ),
              ),
            );
            continue;
          }
          inBatch.set(j.key, { job: j, f });
          fresh.push({ job: j, rec, line });
        }
        try {
          log.append('entries', fresh);
        } catch (err) {
          const why = `not stored, nothing applied: ${err instanceof Error ? err.message : String(err)}`;
          for (const x of [...fresh.map((x) => x.job), ...later.map((x) => x.job)])
            settle(x, () => x.reject(new HttpError(503, why)));
          return;
        }
        const results: (ResultRecord | VoidRecord)[] = [];
        for (const [i, x] of fresh.entries()) {
          const r = this.applyOne(engine, x.rec, 'live');
          results.push(r);
          if (r.t === 'r') {
            acks.set(x.job, { duplicate: false, reply: r.reply });
            continue;
          }
          // Nothing half-applied: the void goes to the log first (the rebuild must skip the
          // entry), then the world is rebuilt from the checkpoint and the log. The entries
          // after it are logged already: the rebuild applies them, and their answers come
          // from the log once it is done.
          applied = true;
          if (!this.tryAppend(log, 'results', results))
            this.logger.error(
              { key: x.rec.k },
              'the void of a failed entry is not logged; a restart re-tries it',
            );
          rollback = {
            done: this.runner!.rollback(`feed entry ${x.rec.k} threw part-way`),
            failed: { job: x.job, why: `message ${x.rec.k} ${r.reason}; it was quarantined` },
            pending: fresh.slice(i + 1).map((y) => y.job),
            later,
          };
          return;
        }
        for (const l of later) {
          const a = acks.get(l.first);
          if (a) acks.set(l.job, { duplicate: true, reply: a.reply });
          else settle(l.job, () => l.job.reject(new HttpError(422, `message ${l.job.key} was not applied`)));
        }
        applied = true;
        this.tryAppend(log, 'results', results);
      });
    } catch (err) {
      // After the apply, only the journal fsync can fail here: the entries are in the feed log
      // and a restart re-applies them, so what was applied is still acknowledged truthfully.
      if (!applied) {
        for (const j of jobs) settle(j, () => j.reject(err));
        return;
      }
      this.logger.error({ err }, 'journal sync failed after a feed batch; the feed log holds the batch');
    }
    if (rollback) return void this.afterRollback(rollback, jobs, acks, settle);
    for (const j of jobs) {
      const a = acks.get(j);
      settle(j, () => (a ? j.resolve(a) : j.reject(new HttpError(500, `message ${j.key}: no answer`))));
    }
    this.maybeCompact();
  }

  /**
   * Answers a batch whose world was rolled back: entries before the failed one as applied (the
   * rebuild re-applied them identically), the ones after it from the log (the rebuild applied
   * them and logged their answers), duplicates in the batch like their first; the failed one
   * 422. Only after the rebuild, so no answer (not even the refusal) leaves before the world is
   * whole again.
   */
  private async afterRollback(
    rb: Rollback,
    jobs: Job[],
    acks: Map<Job, Ack>,
    settle: (j: Job, f: () => void) => void,
  ): Promise<void> {
    try {
      await rb.done;
    } catch (err) {
      const why = `the run could not be rolled back after a failed entry; restart the server: ${String(err)}`;
      for (const j of jobs) settle(j, () => j.reject(new HttpError(503, why)));
      return;
    }
    settle(rb.failed.job, () => rb.failed.job.reject(new HttpError(422, rb.failed.why)));
    for (const j of rb.pending) {
      const k = this.log?.get(j.key);
      if (k && !k.recovered) acks.set(j, { duplicate: false, reply: k.reply });
    }
    for (const l of rb.later) {
      const a = acks.get(l.first);
      if (a) acks.set(l.job, { duplicate: true, reply: a.reply });
    }
    for (const j of jobs) {
      const a = acks.get(j);
      settle(j, () =>
        a
          ? j.resolve(a)
          : j.reject(new HttpError(422, `message ${j.key} was not applied (see the feed exceptions)`)),
      );
    }
    this.maybeCompact();
  }

  private compactPending = false;

  /** Compacts segments the last checkpoint covers, off the acknowledgement path. */
  private maybeCompact(): void {
    if (this.compactPending || !this.log || this.log.segments.length < 2) return;
    this.compactPending = true;
    setImmediate(() => {
      this.compactPending = false;
      const log = this.log;
      if (!log || !this.runner) return;
      try {
        const freed = log.compact(this.runner.currentRun().checkpointApplied);
        if (freed > 0) this.logger.info({ freed }, 'feed log compacted up to the checkpoint');
      } catch (err) {
        this.logger.error({ err }, 'feed log compaction failed (the segments stay whole)');
      }
    });
  }

  /** Closes the feed log. */
  close(): void {
    this.log?.close();
    this.log = null;
  }
}

/**
 * Records a voided entry's quarantine exception in the world, as a feed exception and alert.
 * Once: a checkpoint taken after it already holds it (the key is looked up among the kept
 * exceptions). Never throws: the quarantine file holds the entry whatever happens here.
 */
function recordQuarantined(engine: Engine, e: EntryRecord, reason: string): void {
  try {
    if (mirrorExceptions(engine).some((x) => x.kind === 'quarantined' && x.key === e.k)) return;
    const exception: ExceptionInput = {
      source: e.entry.kind === 'scan' ? 'scan' : 'epcis',
      key: e.k,
      kind: 'quarantined',
      reason,
      message: e.entry,
    };
    engine.apply({ type: 'feed.exception', exception });
  } catch {
    // A courtesy: the quarantine file and the error log line hold the entry and the reason.
  }
}

/** 400 for a message that cannot be serialised (so it cannot be logged, so it is not applied). */
function unstorable(key: string, err: unknown): HttpError {
  return new HttpError(400, `message ${key} cannot be stored, so it was not applied: ${String(err)}`);
}

/** 409 for an id reused with other content, naming the fields. */
function reusedId(key: string, fields: string[]): HttpError {
  const msg = `${key} was already captured with other content (differs in: ${fields.join(', ')})`;
  return new HttpError(409, msg, { error: 'id reused with other content', key, fields });
}

/**
 * Fault injection for the crash tests, from BINTWIN_FEED_FAULT: `kill-before-apply:N` kills the
 * process (SIGKILL) when the Nth entry is durable in the feed log but not yet applied. Unset in
 * normal use (returns no hooks).
 */
export function faultHooksFromEnv(env: Record<string, string | undefined>): FeedIngestOptions {
  const m = /^kill-before-apply:(\d+)$/.exec(env['BINTWIN_FEED_FAULT'] ?? '');
  if (!m) return {};
  let left = Number(m[1]);
  return {
    beforeApply: () => {
      if (--left === 0) process.kill(process.pid, 'SIGKILL');
    },
  };
}
