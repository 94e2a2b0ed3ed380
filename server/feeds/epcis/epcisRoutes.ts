import { readFileSync, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JournalEvent } from '../../../sim/index.ts';
import { HttpError, sendJson } from '../../http/httpErrors.ts';
import { readBody } from '../../http/readBody.ts';
import { runFiles } from '../../live/dataDir.ts';
import { requireEpcisClient } from '../feedAuth.ts';
import { EPCIS_BODY_LIMIT, type FeedContext } from '../feedContext.ts';
import { parseJsonBody } from '../jsonBody.ts';
import type { FeedRoute } from '../feedRoutes.ts';
import { epcisKey } from './captureJobs.ts';
import { contextPrefixes } from './eventHash.ts';
import { validateEpcisDocument } from './epcisValidator.ts';
import { epcisPolicyProblems, epcisTimeWarning } from '../feedPolicy.ts';
import { journalToEpcis } from './journalToEpcis.ts';

const DEFAULT_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/** The EPCIS 2.0 REST capture interface: capture jobs, single events, and the journal as EPCIS. */
export function epcisRoutes(ctx: FeedContext): FeedRoute[] {
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

  function getJob(_req: IncomingMessage, res: ServerResponse, [id]: string[]): void {
    const j = ctx.jobs.get(id!);
    if (!j) throw new HttpError(404, `unknown capture job "${id}"`);
    sendJson(res, 200, j);
  }

  function exportJournal(_req: IncomingMessage, res: ServerResponse): void {
    const run = ctx.runner.currentRun();
    const file = runFiles(run.folder).journal;
    const events: JournalEvent[] = [];
    if (existsSync(file))
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          events.push(JSON.parse(line) as JournalEvent);
        } catch {
          break; // a line still being written
        }
      }
    const items = ctx.runner.applyExternal((w) => w.site.items);
    sendJson(res, 200, journalToEpcis(events, items, { run: run.id }));
  }

  return [
    ['POST', /^\/epcis\/capture$/, capture],
    ['GET', /^\/epcis\/capture$/, (_q, res) => sendJson(res, 200, ctx.jobs.list())],
    ['GET', /^\/epcis\/capture\/([A-Za-z0-9-]+)$/, getJob],
    ['POST', /^\/epcis\/events$/, event],
    ['GET', /^\/epcis\/export$/, exportJournal],
  ];
}
