import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createNetwork } from '../../sim/networkApi.ts';
import { networkKpis } from '../../sim/networkApi.ts';
import { JournalWriter } from '../journalWriter.ts';
import { loadNetwork } from '../networkLoader.ts';
import { ScenarioError } from '../scenarioLoader.ts';
import { CliError, EXIT_RUNTIME } from './cliError.ts';
import { displayPath } from './displayPath.ts';
import { formatSimDuration, formatWallSeconds } from './displayFormat.ts';
import { formatKpis, type KpiTree } from './formatKpis.ts';
import type { RunFlags } from './runOptions.ts';

const HOUR = 3_600_000;

/**
 * `bintwin run <network>`: runs every site of a network scenario on one clock. Writes one
 * journal and one truth log per site (`<out>/<site>/journal.ndjson`, `truth.ndjson`): each
 * site's journal is its own gap-free sequence (ids E1, E2 … per site) that replays that site's
 * system ledger, as a single-site journal does, and every event already carries its `site`.
 * kpis.json holds the network section and each site's full report; run.json what was run.
 */
export async function runNetworkCommand(arg: string, flags: RunFlags): Promise<number> {
  let loaded;
  try {
    loaded = loadNetwork(arg);
  } catch (err) {
    if (err instanceof ScenarioError) throw new CliError(err.message, EXIT_RUNTIME);
    throw err;
  }
  const { network, source } = loaded;
  const seed = flags.seed ?? network.seed;
  const outDir = resolve(flags.out ?? join('runs', `${network.name}-${seed}`));
  const horizonMs = flags.horizonMs ?? Math.round(network.horizon.days * 24 * HOUR);
  const journals = new Map<string, { journal: JournalWriter; truth: JournalWriter }>();
  mkdirSync(outDir, { recursive: true });
  if (flags.journal !== 'none') {
    for (const s of network.sites) {
      const dir = join(outDir, s.name);
      mkdirSync(dir, { recursive: true });
      journals.set(s.name, {
        journal: new JournalWriter(join(dir, 'journal.ndjson')),
        truth: new JournalWriter(join(dir, 'truth.ndjson')),
      });
    }
  }
  const run = createNetwork(network, {
    seed,
    journal: journals.size > 0 ? (site, e) => journals.get(site)!.journal.write(e) : undefined,
    truth: journals.size > 0 ? (site, e) => journals.get(site)!.truth.write(e as never) : undefined,
  });
  const started = performance.now();
  try {
    // Hour by hour, yielding to the event loop so Ctrl-C and progress output get through.
    for (let t = HOUR; t < horizonMs + HOUR; t += HOUR) {
      run.runUntil(Math.min(t, horizonMs));
      if (t % (24 * HOUR) === 0) await new Promise((r) => setImmediate(r));
    }
  } finally {
    for (const j of journals.values()) {
      j.journal.close();
      j.truth.close();
    }
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const kpis = networkKpis(run);
  writeFileSync(join(outDir, 'kpis.json'), JSON.stringify(kpis, null, 2) + '\n');
  const events = run.sites.reduce((a, s) => a + s.engine.eventsProcessed(), 0);
  writeFileSync(
    join(outDir, 'run.json'),
    JSON.stringify(
      {
        network: network.name,
        source,
        seed,
        horizonMs,
        reachedMs: run.now,
        eventsProcessed: events,
        wallSeconds: Math.round(wallSeconds * 1000) / 1000,
        sites: Object.fromEntries(
          run.sites.map((s) => [
            s.name,
            {
              role: s.role,
              journal: journals.has(s.name) ? join(s.name, 'journal.ndjson') : null,
              journalEvents: journals.get(s.name)?.journal.lineCount() ?? 0,
            },
          ]),
        ),
      },
      null,
      2,
    ) + '\n',
  );
  if (!flags.quiet) {
    const perSite = run.sites.map((s) => {
      const t = kpis.sites[s.name]!['transfers'] as Record<string, unknown> | undefined;
      const o = kpis.sites[s.name]!['orders'] as Record<string, unknown> | undefined;
      return `  ${s.name} (${s.role}): ${String(o?.['shipped'] ?? '-')} orders shipped, transfers shipped ${String(t?.['shipped'] ?? 0)}, received ${String(t?.['received'] ?? 0)}, in transit ${String(t?.['inTransitUnits'] ?? 0)} units`;
    });
    process.stdout.write(
      [
        `${network.name} seed ${seed}: ${run.sites.length} sites, ${formatSimDuration(horizonMs)} simulated in ${formatWallSeconds(wallSeconds)} (${events.toLocaleString('en-US')} events)`,
        '',
        formatKpis({ network: kpis.network } as unknown as KpiTree),
        '',
        ...perSite,
        '',
        `wrote ${displayPath(join(outDir, 'kpis.json'))}, ${displayPath(join(outDir, 'run.json'))}${journals.size > 0 ? `, and a journal and truth log per site in ${displayPath(outDir)}/<site>/` : ''}`,
        '',
      ].join('\n'),
    );
  }
  return 0;
}
