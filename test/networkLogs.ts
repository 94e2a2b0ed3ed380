import type { JournalEvent, TruthEvent } from '../sim/index.ts';
import type { NetworkRun } from '../sim/network/networkRun.ts';
import { networkSchema, type Network } from '../sim/network/networkSchema.ts';

// What the network tests keep of a run (each site's journal and truth log) and read from it;
// shared so the conservation and byte-equality checks of every network test mean the same.

/** Each site's journal and truth events, as a network run's sinks received them. */
export interface Logs {
  journal: Record<string, JournalEvent[]>;
  truth: Record<string, TruthEvent[]>;
}

/** Empty logs. */
export const logsFor = (): Logs => ({ journal: {}, truth: {} });

/** The sinks of `createNetwork`/`restoreNetwork` that fill `l`. */
export const sinks = (l: Logs) => ({
  journal: (site: string, e: JournalEvent) => (l.journal[site] ??= []).push(e),
  truth: (site: string, e: TruthEvent) => (l.truth[site] ??= []).push(e),
});

/** Every site's journal as one text, sites in name order (what byte-equality compares). */
export const text = (l: Logs): string =>
  Object.keys(l.journal)
    .sort()
    .map((s) => `${s}\n${l.journal[s]!.map((e) => JSON.stringify(e)).join('\n')}`)
    .join('\n');

/** Units one ledger holds in transit-location records (in-transit or damaged on the truck). */
export function inTransit(run: NetworkRun, ledger: 'system' | 'physical' = 'system'): number {
  let n = 0;
  for (const s of run.sites)
    for (const r of s.engine.stock(ledger)) if (r.bin.startsWith('TRANSIT-')) n += r.qty;
  return n;
}

/** `n` with these exception rates set at every site (the others kept), and `transfers` merged. */
export function withSiteRates(
  n: Network,
  rates: Record<string, number>,
  transfers: Record<string, unknown> = {},
): Network {
  return networkSchema.parse({
    ...n,
    ...(Object.keys(transfers).length > 0 ? { transfers: { ...n.transfers, ...transfers } } : {}),
    sites: n.sites.map((s) => ({
      ...s,
      scenario: {
        ...s.scenario,
        exceptions: { ...s.scenario.exceptions, rates: { ...s.scenario.exceptions?.rates, ...rates } },
      },
    })),
  });
}
