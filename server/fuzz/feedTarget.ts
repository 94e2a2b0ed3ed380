import { readFileSync } from 'node:fs';
import { replayJournal, type JournalEvent } from '../../sim/index.ts';
import { conformancePath } from '../../test/conformance/conformancePath.ts';
import { gunzipSync } from 'node:zlib';
import { listJournalSegments } from '../live/journalSegments.ts';
import type { LiveServer } from '../live/liveServer.ts';
import { fuzzFeeds } from './feedFuzz.ts';
import type { FuzzContext, FuzzReport, FuzzTarget } from './fuzzTarget.ts';

/** Valid EPCIS documents the feed fuzz mutates (vendored openepcis test resources). */
const EPCIS_SEEDS = [
  'ObjectEvent.json',
  'AggregationEvent.json',
  'ObjectEvent_with_error_declaration.json',
  'TransactionEvent.json',
];

/**
 * Whether the journal on disk folds to exactly the system ledger in memory (nothing
 * half-applied). The first call commits (fsyncs) everything so far; the read and the ledger
 * copy then happen in one synchronous stretch, so no tick lands between them.
 */
export function journalMatchesLedger(server: LiveServer): boolean {
  const runner = server.runner;
  runner.applyExternal(() => undefined);
  // Every segment of the journal, archived (gzipped) ones decompressed.
  const events = listJournalSegments(runner.currentRun().folder)
    .map((s) => (s.gz ? gunzipSync(readFileSync(s.file)).toString('utf8') : readFileSync(s.file, 'utf8')))
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEvent);
  const ledger = runner.read((e) => e.stock('system'));
  return JSON.stringify(replayJournal(events).state()) === JSON.stringify(ledger);
}

/**
 * The scanner and EPCIS feeds as a fuzz target: `fuzzFeeds` (scans, EPCIS events and capture
 * documents, byte-mutated, with reused ids) against the server under test, with its
 * in-process checks: half-applied transactions (journal against ledger) and acknowledged
 * messages missing from the feed log. Needs the device `fz` with every scan step and `epcis`.
 */
export const feedTarget: FuzzTarget = {
  name: 'feeds',
  async run(ctx: FuzzContext): Promise<FuzzReport> {
    const server = ctx.server;
    const site = server.runner.read((e) => e.site());
    const rep = await fuzzFeeds({
      seed: Math.floor(ctx.rng() * 2 ** 32),
      count: ctx.iterations,
      deadline: ctx.deadline,
      baseUrl: ctx.url,
      token: ctx.tokens.device,
      epcisSeeds: EPCIS_SEEDS.map((f) =>
        readFileSync(conformancePath('epcis', 'openepcis', 'valid', f), 'utf8'),
      ),
      bins: site.bins.map((b) => b.code),
      gtins: site.items.flatMap((i) => i.uoms.map((u) => u.gtin)),
      inspect: {
        ledgerMatches: () => journalMatchesLedger(server),
        logged: (k) => server.feeds.ingest.seen(k),
        heapBytes: () => {
          (globalThis as { gc?: () => void }).gc?.();
          return process.memoryUsage().heapUsed;
        },
      },
    });
    return {
      sent: rep.sent,
      serverErrors: rep.fiveXx,
      examples: rep.samples.slice(0, 5),
      findings: {
        resets: rep.crashes,
        unexplained: rep.unexplained,
        halfApplied: rep.halfApplied,
        missingAcks: rep.missingAcks,
      },
    };
  },
};
