import { randomUUID } from 'node:crypto';
import type { FeedIngest } from '../feedIngest.ts';
import { contextPrefixes, eventHashId } from './eventHash.ts';
import { eventsOf, validateEpcisDocument, type EpcisProblem } from './epcisValidator.ts';

/** An RFC 7807 problem, as capture jobs list their errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
}

/** A capture job as `GET /epcis/capture/{captureID}` returns it (EPCIS 2.0 REST bindings). */
export interface CaptureJob {
  captureID: string;
  createdAt: string;
  finishedAt?: string;
  running: boolean;
  success: boolean;
  captureErrorBehaviour: 'rollback' | 'proceed';
  errors: Problem[];
  /** Events applied, flagged as exceptions, and skipped as already captured. */
  captured: number;
  flagged: number;
  duplicates: number;
}

/** Jobs kept for GET; older ones are forgotten. */
const MAX_JOBS = 1000;

/** The idempotency key of an EPCIS event: its eventID, else its event hash; a correction is keyed apart. */
export function epcisKey(event: Record<string, unknown>, prefixes: Record<string, string>): string {
  const id = typeof event['eventID'] === 'string' ? event['eventID'] : eventHashId(event, prefixes);
  return event['errorDeclaration'] ? `epcis:${id}#error` : `epcis:${id}`;
}

/** Capture jobs: validate, then apply event by event through the group-commit ingest. */
export class CaptureJobs {
  private readonly jobs = new Map<string, CaptureJob>();

  /** Jobs capture into this ingest. */
  constructor(private readonly ingest: FeedIngest) {}

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
  start(doc: unknown, behaviour: 'rollback' | 'proceed'): { job: CaptureJob; done: Promise<CaptureJob> } {
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
    this.jobs.set(job.captureID, job);
    if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
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
      const v = validateEpcisDocument(doc);
      let events = eventsOf(doc);
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
      const prefixes = contextPrefixes(doc);
      const acks = await Promise.all(
        events.map((e) => this.ingest.submit(epcisKey(e, prefixes), { kind: 'epcis', event: e, prefixes })),
      );
      for (const a of acks) {
        if (a.duplicate) job.duplicates++;
        else if ((a.reply as { status: string }).status === 'applied') job.captured++;
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
    return job;
  }
}
