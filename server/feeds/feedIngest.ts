import type { Logger } from 'pino';
import type { Engine } from '../../sim/index.ts';
import type { FeedEntry } from '../../sim/mirrorApi.ts';
import { HttpError } from '../http/httpErrors.ts';
import type { ExternalBacklogEntry, LiveRunner } from '../live/runner.ts';
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

/** Ingest settings: feed log settings, and a hook called before each entry is applied (fault-injection tests). */
export interface FeedIngestOptions {
  log?: FeedLogOptions;
  beforeApply?: (key: string) => void;
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
  private runner: LiveRunner | null = null;

  /** Ingest into the runner's current run (bound later with `bind`, as the runner needs `backlog` first). */
  constructor(
    private readonly logger: Logger,
    private readonly opts: FeedIngestOptions = {},
  ) {}

  /** Binds the runner whose current run the feed goes into. */
  bind(runner: LiveRunner): this {
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
        const r = this.applyOne(into, e, 'replay');
        if (!e.hasResult) this.tryAppend(log, 'results', [r]);
      },
    }));
  }

  /** Applies one logged entry; a throw becomes a void record, a quarantine line and an exception. */
  private applyOne(engine: Engine, e: EntryRecord, when: 'live' | 'replay'): ResultRecord | VoidRecord {
    try {
      this.opts.beforeApply?.(e.k);
      const a = engine.apply({ type: 'feed', key: e.k, entry: e.entry });
      if (!a.ok) throw new Error(a.message);
      const rec = { t: 'r' as const, q: e.q, k: e.k, n: a.applied, reply: a.reply, f: e.f };
      return a.events ? { ...rec, events: a.events } : rec;
    } catch (err) {
      const reason = `could not be applied (${when}): ${err instanceof Error ? err.message : String(err)}`;
      this.quarantine?.put({ reason, record: e });
      this.logger.error({ key: e.k, err }, `feed entry quarantined: ${reason}`);
      // Recording the exception is a courtesy (a refusal is ignored); the quarantine file holds the entry.
      engine.apply({
        type: 'feed.exception',
        exception: {
          source: e.entry.kind === 'scan' ? 'scan' : 'epcis',
          key: e.k,
          kind: 'quarantined',
          reason,
          message: e.entry,
        },
      });
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
        for (const x of fresh) {
          const r = this.applyOne(engine, x.rec, 'live');
          results.push(r);
          if (r.t === 'r') acks.set(x.job, { duplicate: false, reply: r.reply });
          else
            settle(x.job, () =>
              x.job.reject(new HttpError(422, `message ${x.rec.k} ${r.reason}; it was quarantined`)),
            );
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
    for (const j of jobs) {
      const a = acks.get(j);
      settle(j, () => (a ? j.resolve(a) : j.reject(new HttpError(500, `message ${j.key}: no answer`))));
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
