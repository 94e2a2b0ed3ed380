import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { checkInvariants } from './invariants.ts';
import { schemaOptions, withOption } from './schemaOptions.ts';
import { defaultBinType } from '../sim/layout/binDefaults.ts';
import type { ZoneKind } from '../sim/layout/types.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { networkSchema, type Network } from '../sim/network/networkSchema.ts';
import { createNetwork } from '../sim/network/networkRun.ts';

/** demo-dc as written in its file (before defaults): variants are built from this. */
const BASE = JSON.parse(
  readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** One simulated shift: demo-dc's early shift runs 05:00–13:30 (the late one starts at 13:00). */
// `MATRIX_HOURS` runs every case longer, to hunt for failures deeper in a run (not in CI).
const SHIFT_END_H = Number(process.env['MATRIX_HOURS'] ?? 14);

/**
 * What a value needs beside itself to be a valid scenario (the schema says so in a refinement):
 * zone picking needs pickers in every zone where stock can be allocated, so every picker group
 * is split over those zones of the scenario's own layout (the first zone takes the most).
 */
const DEPENDENCIES: Record<string, (s: Record<string, unknown>) => void> = {
  // A class list of a feature that is off would test nothing: each turns its feature on.
  ...Object.fromEntries(
    ['A', 'B', 'C'].flatMap((c) => [
      [
        `inbound.crossDock.classes.[]=${c}`,
        (s: Record<string, unknown>) => enable(s, 'inbound', 'crossDock'),
      ],
      [
        `stock.consignment.classes.[]=${c}`,
        (s: Record<string, unknown>) => enable(s, 'stock', 'consignment'),
      ],
    ]),
  ),
  // An allocation priority is tested with a customer-class mix to rank and wave release to sort.
  ...Object.fromEntries(
    ['priority', 'promisedShip', 'route', 'fifo'].map((k) => [
      `rules.allocation.[]=${k}`,
      (s: Record<string, unknown>) => {
        const demand = s['demand'] as Record<string, unknown>;
        demand['customerClasses'] = [
          { name: 'express', share: 0.2, priority: 1, promiseHours: 6 },
          { name: 'standard', share: 0.8, priority: 2 },
        ];
        s['release'] = { policy: 'wave', waveMinutes: 60 };
      },
    ]),
  ),
  'picking.method=zone': (s) => {
    const layout = s['layout'] as { generate?: { zones: ZoneSpec[] }; zones?: ZoneSpec[] };
    const zones = (layout.generate?.zones ?? layout.zones ?? [])
      .filter((zn) => ['forward', 'reserve', 'floor'].includes(zn.binType ?? defaultBinType(zn.kind)))
      .map((zn) => zn.id);
    const groups = s['workers'] as Record<string, unknown>[];
    s['workers'] = groups.flatMap((g) => {
      if (g['role'] !== 'picker') return [g];
      const n = g['count'] as number;
      const few = Math.max(1, Math.floor(n / (2 * zones.length)));
      return zones.map((zone, i) => ({
        ...g,
        zone,
        count: i === 0 ? Math.max(1, n - few * (zones.length - 1)) : few,
        prefix: `${String(g['prefix'])}${zone.toLowerCase()}`,
      }));
    });
  },
};

/** Sets `enabled: true` on the section `s[parent][key]` (which withOption has created). */
function enable(s: Record<string, unknown>, parent: string, key: string): void {
  const section = (s[parent] as Record<string, Record<string, unknown>>)[key]!;
  section['enabled'] = true;
}

/**
 * Collections demo-dc leaves empty get one element first, so the options inside them can be
 * set: a putaway rule and a storage category for the reserve, a removal strategy for it.
 */
const SEEDS: Record<string, (s: Record<string, unknown>) => void> = {
  'rules.putaway.[]': (s) => void (rulesOf(s)['putaway'] = [{ zones: ['R'] }]),
  'rules.storageCategories.{}': (s) => void (rulesOf(s)['storageCategories'] = { R: {} }),
  'rules.removal.zones.{}': (s) => void (rulesOf(s)['removal'] = { zones: { R: { strategy: 'fefo' } } }),
};

function rulesOf(s: Record<string, unknown>): Record<string, unknown> {
  return (s['rules'] ??= {}) as Record<string, unknown>;
}

/** demo-dc with the seed an option's path needs (or demo-dc itself). */
function baseFor(path: string): Record<string, unknown> {
  const seed = Object.entries(SEEDS).find(([prefix]) => path.startsWith(`${prefix}.`));
  if (!seed) return BASE;
  const s = structuredClone(BASE);
  seed[1](s);
  return s;
}

/** The part of a zone spec the split above reads. */
interface ZoneSpec {
  id: string;
  kind: ZoneKind;
  binType?: string;
}

/**
 * Known failures, each pointing at its fix; the case runs as `it.fails`, so the day the fix
 * lands here the case starts passing and this entry must go. `MATRIX_SHOW_KNOWN=1` runs them as
 * plain cases, to see the failure itself.
 */
const KNOWN: Record<string, string> = {};

interface Case {
  name: string;
  scenario: Record<string, unknown>;
}

/** One case per value of every option the schema declares, deduplicated against demo-dc itself. */
function cases(): { run: Case[]; sameAsBase: string[]; notSettable: string[] } {
  const baseParsed = JSON.stringify(scenarioSchema.parse(BASE));
  const run: Case[] = [];
  const sameAsBase: string[] = [];
  const notSettable: string[] = [];
  for (const opt of schemaOptions(scenarioSchema)) {
    for (const v of opt.values) {
      const name = `${opt.path}=${String(v)}`;
      const s = withOption(baseFor(opt.path), opt.path, v) as Record<string, unknown> | null;
      if (s === null) {
        notSettable.push(name);
        continue;
      }
      DEPENDENCIES[name]?.(s);
      s['name'] = 'demo-dc';
      const parsed = scenarioSchema.safeParse(s);
      if (parsed.success && JSON.stringify(parsed.data) === baseParsed) sameAsBase.push(name);
      else run.push({ name, scenario: s });
    }
  }
  return { run, sameAsBase, notSettable };
}

const { run, sameAsBase, notSettable } = cases();

// Count program weights are numbers, which the enum walk does not reach: each count policy also
// runs with a value weight and a criticality factor for one of demo-dc's item families.
for (const policy of ['random', 'abc', 'risk']) {
  const s = structuredClone(BASE);
  const c = s['counting'] as Record<string, unknown>;
  Object.assign(c, { policy, valueWeight: 5, criticality: { hardware: 4 } });
  run.push({ name: `counting.policy=${policy}+valueWeight=5+criticality.hardware=4`, scenario: s });
}

// Returns discrepancy shares are numbers too: each code runs alone at share 1 on demo-dc, with
// returns that come back within the shift (and no-RMA decisions within the hour).
for (const d of [
  { wrongItemShare: 1 },
  { overShare: 1 },
  { damagedShare: 1 },
  { noRmaShare: 1, noRma: { decisionHours: 1 } },
]) {
  const s = structuredClone(BASE);
  const fast = { kind: 'uniform', min: 1, max: 3 };
  s['returns'] = { share: 0.3, delayHours: fast, transitHours: fast, discrepancies: d };
  run.push({ name: `returns.discrepancies.${Object.keys(d)[0]!}=1`, scenario: s });
}

function runShift(scenario: Record<string, unknown>, hours: number): string[] {
  const sc = scenarioSchema.parse(scenario);
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(sc, { journal: (ev) => journal.push(ev), truth: (t) => truth.push(t) });
  e.runUntil(hours * 3_600_000);
  const problems = checkInvariants(e, journal, truth);
  if (e.kpis().orders.created === 0) problems.push('no orders created');
  return problems;
}

describe('configuration matrix: every enum and boolean option of the scenario schema on demo-dc', () => {
  it('covers every option the schema declares (generated, nothing listed by hand)', () => {
    // Every value is either run below or is demo-dc's own setting (run as the base case).
    const covered = new Set([...run.map((c) => c.name), ...sameAsBase]);
    for (const opt of schemaOptions(scenarioSchema))
      for (const v of opt.values)
        expect(covered, `${opt.path}=${String(v)}`).toContain(`${opt.path}=${String(v)}`);
    expect(notSettable).toEqual([]);
    for (const k of Object.keys(KNOWN)) expect(run.map((c) => c.name)).toContain(k);
  });

  it(`demo-dc itself, ${SHIFT_END_H} h`, () => {
    expect(runShift(BASE, SHIFT_END_H)).toEqual([]);
  }, 120_000);

  for (const c of run) {
    const t = KNOWN[c.name] && !process.env['MATRIX_SHOW_KNOWN'] ? it.fails : it;
    t(
      `${c.name}: one shift (${SHIFT_END_H} h), invariants hold${KNOWN[c.name] ? ` — known: ${KNOWN[c.name]}` : ''}`,
      () => {
        const parsed = scenarioSchema.safeParse(c.scenario);
        expect(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error)).toBe(true);
        expect(runShift(c.scenario, SHIFT_END_H)).toEqual([]);
      },
      120_000,
    );
  }
});

describe('configuration matrix: every enum and boolean option of the network schema on demo-network', () => {
  // The sites' own scenario options are the matrix above; these are the network's own.
  const { network } = loadNetwork('demo-network');
  const netOptions = schemaOptions(networkSchema).filter((o) => !o.path.startsWith('sites.[].scenario.'));
  const set: Record<string, (n: Network, v: string) => void> = {
    'sites.[].role': (n, v) => n.sites.forEach((s) => (s.role = v as Network['sites'][number]['role'])),
    'transfers.lateMode': (n, v) => (n.transfers.lateMode = v as Network['transfers']['lateMode']),
    'transfers.claims.enabled': (n, v) => (n.transfers.claims.enabled = v === 'true'),
  };

  it('covers every network option the schema declares', () => {
    expect(netOptions.map((o) => o.path).sort()).toEqual(Object.keys(set).sort());
  });

  for (const opt of netOptions)
    for (const v of opt.values) {
      it(`${opt.path}=${String(v)}: 10 h with late receipts, every site's invariants hold`, () => {
        const n = structuredClone(network);
        set[opt.path]!(n, String(v));
        for (const s of n.sites)
          s.scenario.exceptions = {
            ...s.scenario.exceptions!,
            rates: { ...s.scenario.exceptions!.rates, transferReceiptLate: 0.3 },
          };
        const journal: Record<string, JournalEvent[]> = {};
        const truth: Record<string, TruthEvent[]> = {};
        const net = createNetwork(n, {
          journal: (site, e) => (journal[site] ??= []).push(e),
          truth: (site, e) => (truth[site] ??= []).push(e),
        });
        net.runUntil(10 * 3_600_000);
        for (const s of net.sites)
          expect(checkInvariants(s.engine, journal[s.name] ?? [], truth[s.name] ?? []), s.name).toEqual([]);
      }, 120_000);
    }
});
