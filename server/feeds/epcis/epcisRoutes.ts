import type { IncomingMessage, ServerResponse } from 'node:http';
import { isTransactionType, type JournalEvent } from '../../../sim/index.ts';
import { HttpError, sendJson } from '../../http/httpErrors.ts';
import { readBody } from '../../http/readBody.ts';
import { requireEpcisClient, requireJobReader } from '../feedAuth.ts';
import { requireAccess } from '../../http/routeAccess.ts';
import { streamJournal } from '../../http/journalStream.ts';
import { listJournalSegments } from '../../live/journalSegments.ts';
import { EPCIS_BODY_LIMIT, type FeedContext, type FeedCore } from '../feedContext.ts';
import { parseJsonBody } from '../jsonBody.ts';
import type { FeedRoute } from '../feedRoute.ts';
import { epcisKey } from './captureJobs.ts';
import { contextPrefixes } from './eventHash.ts';
import { validateEpcisDocument } from './epcisValidator.ts';
import { epcisDocumentHead, epcisMapper } from './journalToEpcis.ts';
import { epcisPolicyProblems, epcisTimeWarning } from '../feedPolicy.ts';

const DEFAULT_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
/** Journal events one export page covers by default, and at most. */
export const EXPORT_PAGE = 10_000;
export const EXPORT_PAGE_MAX = 100_000;

/** The EPCIS 2.0 REST capture interface and the journal as EPCIS (a single site's run). */
export function epcisRoutes(ctx: FeedContext): FeedRoute[] {
  return [...epcisCaptureRoutes(ctx), ['GET', /^\/epcis\/export$/, journalExport(ctx)]];
}

/** Capture jobs and single events (single site and network runs alike: `ctx.ingest` routes them). */
export function epcisCaptureRoutes(ctx: FeedCore): FeedRoute[] {
  const limit = ctx.epcisBodyLimit ?? EPCIS_BODY_LIMIT;

  async function capture(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireEpcisClient(req, ctx);
    const h = String(req.headers['gs1-capture-error-behaviour'] ?? 'rollback').toLowerCase();
    if (h !== 'rollback' && h !== 'proceed')
      throw new HttpError(400, `GS1-Capture-Error-Behaviour must be rollback or proceed, not "${h}"`);
    const text = await readBody(req, limit);
    const doc = parseJsonBody(text);
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc))
      throw new HttpError(400, 'the body must be an EPCIS document (a JSON object)');
    const { job, done } = ctx.jobs.start(doc, h, text);
    // The job runs on: its outcome is read with GET on the Location.
    void done.then((j) =>
      ctx.log.info(
        { capture: j.captureID, captured: j.captured, flagged: j.flagged, errors: j.errors.length },
        'EPCIS capture job done',
      ),
    );
    res.setHeader('location', `/epcis/capture/${job.captureID}`);
    sendJson(res, 202, { captureID: job.captureID });
  }

  async function event(req: IncomingMessage, res: ServerResponse): Promise<void> {
    requireEpcisClient(req, ctx);
    const e = parseJsonBody(await readBody(req, limit));
    if (e === null || typeof e !== 'object' || Array.isArray(e))
      throw new HttpError(400, 'the body must be one EPCIS event (a JSON object)');
    const ev = e as Record<string, unknown>;
    const { '@context': context, ...rest } = ev;
    const doc = {
      '@context': context ?? [DEFAULT_CONTEXT],
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: [rest] },
    };
    const v = validateEpcisDocument(doc);
    if (!v.ok)
      throw new HttpError(400, 'invalid EPCIS event', {
        error: 'invalid EPCIS event',
        problems: v.problems.map((p) => ({
          ...p,
          path: p.path.replace(/^\/epcisBody\/eventList\/0/, '') || '/',
        })),
      });
    const refused = epcisPolicyProblems(rest, ctx.policy);
    if (refused.length > 0)
      throw new HttpError(
        422,
        `EPCIS event refused: ${refused.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        {
          error: 'EPCIS event refused',
          problems: refused,
        },
      );
    const prefixes = contextPrefixes(doc);
    const key = epcisKey(rest, prefixes);
    const ack = await ctx.ingest.submit(key, { kind: 'epcis', event: rest, prefixes });
    if (ack.duplicate) throw new HttpError(409, `event ${key.slice(6)} was already captured`);
    res.setHeader('location', `/epcis/events/${encodeURIComponent(key.slice(6))}`);
    const late = epcisTimeWarning(rest, ctx.policy, Date.now());
    if (late) ctx.log.warn({ event: key.slice(6), late }, 'EPCIS event time outside the window');
    sendJson(res, 201, {
      eventID: key.slice(6),
      ...(ack.reply as object),
      ...(late ? { timeWarning: `eventTime ${late}` } : {}),
    });
  }

  function getJob(req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    requireJobReader(req, ctx);
    const j = ctx.jobs.get(id!);
    if (!j) throw new HttpError(404, `unknown capture job "${id}"`);
    sendJson(res, 200, j);
  }

  return [
    ['POST', /^\/epcis\/capture$/, capture],
    [
      'GET',
      /^\/epcis\/capture$/,
      (q, res) => (requireJobReader(q, ctx), sendJson(res, 200, ctx.jobs.list())),
    ],
    ['GET', /^\/epcis\/capture\/([A-Za-z0-9-]+)$/, getJob],
    ['POST', /^\/epcis\/events$/, event],
  ];
}

/**
 * The journal as EPCIS, one page of journal sequence numbers at a time (`from`, default 1, and
 * `limit`, default EXPORT_PAGE; or `nextPageToken` from the previous page's `Link: rel="next"`,
 * as in the EPCIS query interface), streamed: the journal's segments are read in chunks with
 * backpressure (segments before `from` skipped unread, archived ones decompressed), so a 28 MB journal neither blocks the event loop nor is held in memory. A page may hold
 * fewer EPCIS events than `limit`: journal events that move no stock have no EPCIS form.
 */
function journalExport(ctx: FeedContext): (req: IncomingMessage, res: ServerResponse) => void {
  return function exportJournal(req: IncomingMessage, res: ServerResponse): void {
    requireAccess(req, ctx.access, 'trainer', 'the EPCIS export');
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const from = intParam(q.get('nextPageToken') ?? q.get('from'), 'from', 1, 1, Number.MAX_SAFE_INTEGER);
    const limit = intParam(q.get('limit') ?? q.get('perPage'), 'limit', EXPORT_PAGE, 1, EXPORT_PAGE_MAX);
    const run = ctx.runner.currentRun();
    // applyExternal, not read: it writes what is pending first, so lastSeq is on disk.
    const { lastSeq, items } = ctx.runner.applyExternal((e) => ({
      lastSeq: e.journalCommitted(),
      items: e.site().items,
    }));
    const toEpcis = epcisMapper(items, { run: run.id });
    const end = from + limit; // exclusive
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    if (end <= lastSeq) headers['link'] = `</epcis/export?nextPageToken=${end}&limit=${limit}>; rel="next"`;
    res.writeHead(200, headers);
    const head = JSON.stringify(epcisDocumentHead({ run: run.id }));
    res.write(`${head.slice(0, -1)},"epcisBody":{"eventList":[`);
    if (req.method === 'HEAD' || listJournalSegments(run.folder).length === 0) return void res.end(']}}\n');
    let first = true;
    const map = (line: string): string | null | false => {
      const seq = seqOf(line);
      if (seq !== null && seq >= end) return false;
      if (seq === null || seq < from) return null;
      let e: JournalEvent;
      try {
        e = JSON.parse(line) as JournalEvent;
      } catch {
        return null;
      }
      // A line from another build's vocabulary is skipped like an unreadable one.
      if (!isTransactionType(e.type)) return null;
      const ev = toEpcis(e);
      if (!ev) return null;
      const text = (first ? '' : ',') + JSON.stringify(ev);
      first = false;
      return text;
    };
    void streamJournal(run.folder, res, map, from).then(
      () => res.end(']}}\n'),
      (err: unknown) => res.destroy(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

/** The `seq` of a journal line, read without parsing it (a skipped line costs a string search). */
function seqOf(line: string): number | null {
  const i = line.indexOf('"seq":');
  if (i < 0 || i > 80) return null;
  const n = Number.parseInt(line.slice(i + 6, i + 26), 10);
  return Number.isFinite(n) ? n : null;
}

/** An integer query parameter within [min, max]; 400 naming it otherwise. */
function intParam(raw: string | null, name: string, dflt: number, min: number, max: number): number {
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HttpError(400, `${name} must be an integer from ${min} to ${max}, got "${raw.slice(0, 40)}"`);
  return n;
}
