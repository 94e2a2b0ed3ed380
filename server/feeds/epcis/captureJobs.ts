import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { FeedSink } from '../feedSink.ts';
import type { JobStore } from './jobStore.ts';
import type { CaptureJob, Problem } from './captureJob.ts';

export type { CaptureJob, Problem } from './captureJob.ts';
import {
  DEFAULT_FEED_POLICY,
  epcisPolicyProblems,
  epcisTimeWarning,
  type FeedPolicy,
} from '../feedPolicy.ts';
import { differingFields, fieldDigests } from '../feedRecords.ts';
import { contextPrefixes, eventHashId } from './eventHash.ts';
import { eventsOf, validateEpcisDocument, type EpcisProblem } from './epcisValidator.ts';

/** Jobs kept for GET; older ones are forgotten. */
const MAX_JOBS = 1000;

/** The idempotency key of an EPCIS event: its eventID, else its event hash; a correction is keyed apart. */
export function epcisKey(event: Record<string, unknown>, prefixes: Record<string, string>): string {
  const id = typeof event['eventID'] === 'string' ? event['eventID'] : eventHashId(event, prefixes);
  return event['errorDeclaration'] ? `epcis:${id}#error` : `epcis:${id}`;
}

/**
 * Capture jobs: validate, then apply event by event through the group-commit ingest. Durable
 * when given a store: the document and status are on disk before the 202, every change of
 * status is saved, and `recover` runs unfinished jobs again at start-up (events already
 * captured answer as duplicates), or marks them failed when their document is gone.
 */
export class CaptureJobs {
  private readonly jobs = new Map<string, CaptureJob>();

  /** Jobs capture into this ingest. */
  constructor(
    private readonly ingest: FeedSink,
    private readonly store?: JobStore,
    private readonly log?: Logger,
    private readonly policy: FeedPolicy = DEFAULT_FEED_POLICY,
  ) {}

  /** Loads saved jobs and re-runs the unfinished ones; resolves when those are done. */
  async recover(): Promise<void> {
    if (!this.store) return;
    const store = this.store;
    const runs: Promise<CaptureJob>[] = [];
    for (const job of store.load((file, err) => this.log?.error({ file, err }, 'unreadable capture job'))) {
      this.keep(job);
      if (!job.running) continue;
      let doc: unknown;
      try {
        doc = store.document(job.captureID);
      } catch (err) {
        doc = undefined;
        this.log?.error({ err, job: job.captureID }, 'unreadable capture document');
      }
      if (doc === undefined) {
        Object.assign(job, { running: false, success: false, finishedAt: new Date().toISOString() });
        job.errors.push({
          type: 'https://ref.gs1.org/standards/epcis/2.0.0/ImplementationException',
          title: 'interrupted',
          status: 500,
          detail:
            'the server restarted during this job and its document was not kept; resubmit it (captured events answer as duplicates)',
        });
        store.save(job);
        continue;
      }
      Object.assign(job, { resumed: true, captured: 0, flagged: 0, duplicates: 0, errors: [] });
      this.log?.warn({ job: job.captureID }, 'capture job interrupted by a restart: running it again');
      runs.push(this.run(job, doc));
    }
    await Promise.all(runs);
  }

  private keep(job: CaptureJob): void {
    this.jobs.set(job.captureID, job);
    while (this.jobs.size > MAX_JOBS) {
      const old = this.jobs.keys().next().value!;
      this.jobs.delete(old);
      this.store?.remove(old);
    }
  }

  /** A job by id. */
  get(id: string): CaptureJob | undefined {
    return this.jobs.get(id);
  }

  /** Every job kept, newest last. */
  list(): CaptureJob[] {
    return [...this.jobs.values()];
  }

  /**
   * Starts a job for a parsed document and returns it (running). With `rollback` (the default)
   * an invalid document captures nothing; with `proceed` each valid event is captured and each
   * invalid one is listed as an error. Events the twin cannot apply are captured as exceptions.
   */
  start(
    doc: unknown,
    behaviour: 'rollback' | 'proceed',
    text?: string,
  ): { job: CaptureJob; done: Promise<CaptureJob> } {
    const job: CaptureJob = {
      captureID: randomUUID(),
      createdAt: new Date().toISOString(),
      running: true,
      success: true,
      captureErrorBehaviour: behaviour,
      errors: [],
      captured: 0,
      flagged: 0,
      duplicates: 0,
    };
    // On disk before the 202 leaves: a crash from here on finds the job and its document.
    this.store?.saveDocument(job.captureID, text ?? JSON.stringify(doc));
    this.store?.save(job);
    this.keep(job);
    return { job, done: this.run(job, doc) };
  }

  private async run(job: CaptureJob, doc: unknown): Promise<CaptureJob> {
    const problem = (p: EpcisProblem): Problem => ({
      type: 'https://ref.gs1.org/standards/epcis/2.0.0/ValidationException',
      title: 'EPCIS event validation failure',
      status: 400,
      detail: `${p.path}: ${p.message}`,
      instance: `/epcis/capture/${job.captureID}`,
    });
    try {
      const checked = validateEpcisDocument(doc);
      let events = eventsOf(doc);
      const prefixes = contextPrefixes(doc);
      // Site and time rules, and ids reused with other content, count as invalid events too.
      const extra: EpcisProblem[] = [];
      const now = Date.now();
      const seen = new Map<string, ReturnType<typeof fieldDigests>>();
      events.forEach((e, i) => {
        if (epcisTimeWarning(e, this.policy, now)) job.timeWarnings = (job.timeWarnings ?? 0) + 1;
        for (const p of epcisPolicyProblems(e, this.policy))
          extra.push({ path: `/epcisBody/eventList/${i}${p.path}`, message: p.message } as EpcisProblem);
        if (!checked.ok) return;
        const key = epcisKey(e, prefixes);
        const f = fieldDigests({ kind: 'epcis', event: e, prefixes });
        const prior = seen.get(key) ?? this.ingest.known(key)?.f;
        const diff = prior ? differingFields(prior, f) : [];
        if (diff.length > 0)
          extra.push({
            path: `/epcisBody/eventList/${i}`,
            message: `${key} was already captured with other content (differs in: ${diff.join(', ')})`,
          } as EpcisProblem);
        seen.set(key, f);
      });
      const v =
        extra.length === 0
          ? checked
          : { ok: false as const, problems: [...(checked.ok ? [] : checked.problems), ...extra] };
      if (!v.ok) {
        job.success = false;
        job.errors = v.problems.map(problem);
        const bad = new Set(
          v.problems
            .map((p) => /eventList\/(\d+)/.exec(p.path)?.[1])
            .filter((x) => x !== undefined)
            .map(Number),
        );
        // Proceed captures what is valid, unless the document itself (not an event) is broken.
        const docLevel = v.problems.some((p) => !/eventList\/\d+/.test(p.path));
        events =
          job.captureErrorBehaviour === 'proceed' && !docLevel ? events.filter((_e, i) => !bad.has(i)) : [];
      }
      // One turn of the event loop: one batch, logged (or refused) as a whole before any is applied.
      const acks = await Promise.allSettled(
        events.map((e) => this.ingest.submit(epcisKey(e, prefixes), { kind: 'epcis', event: e, prefixes })),
      );
      for (const a of acks) {
        if (a.status === 'rejected') {
          const err: unknown = a.reason;
          job.success = false;
          job.errors.push({
            type: 'https://ref.gs1.org/standards/epcis/2.0.0/ImplementationException',
            title: 'event not captured',
            status:
              typeof (err as { status?: unknown }).status === 'number'
                ? (err as { status: number }).status
                : 500,
            detail: err instanceof Error ? err.message : String(err),
          });
        } else if (a.value.duplicate) job.duplicates++;
        else if ((a.value.reply as { status: string }).status === 'applied') job.captured++;
        else job.flagged++;
      }
    } catch (err) {
      job.success = false;
      job.errors.push({
        type: 'https://ref.gs1.org/standards/epcis/2.0.0/ImplementationException',
        title: 'capture failed',
        status: 500,
        detail: err instanceof Error ? err.message : String(err),
      });
    }
    job.running = false;
    job.finishedAt = new Date().toISOString();
    try {
      this.store?.save(job);
      this.store?.dropDocument(job.captureID);
    } catch (err) {
      this.log?.error({ err, job: job.captureID }, 'cannot save the capture job status');
    }
    return job;
  }
}
