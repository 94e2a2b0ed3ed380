import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent, type TruthEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { distributionSchema } from '../sim/random/distribution.ts';
import { checkInvariants } from './invariants.ts';
import { loadNetwork } from '../server/networkLoader.ts';
import { networkSchema } from '../sim/network/networkSchema.ts';
import { createNetwork } from '../sim/network/networkRun.ts';
import { networkKpis } from '../sim/network/networkKpis.ts';
import { logsFor, sinks, withSiteRates } from './networkLogs.ts';
import { numericOptions, otherNumber, valueAt, withNumber } from './schemaOptions.ts';
import {
  NUMERIC_EXEMPT,
  NET_UNOBSERVED,
  NUMERIC_KNOWN,
  NUMERIC_CONTEXT,
  NUMERIC_NEEDS,
  NUMERIC_UNOBSERVED,
} from './configMatrixNumericLists.ts';

// The numeric side of the configuration matrix: every number, integer and distribution the
// scenario schema accepts (found by walking the schema, as the enum/boolean matrix does) gets a
// valid non-default value drawn from its own bounds, runs one shift on a small demo-dc with every
// optional flow switched on, keeps the invariants, and changes the journal — or says in
// NUMERIC_UNOBSERVED why a shift cannot show it. The small site keeps ~170 runs cheap.

const read = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../scenarios/${name}.json`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/**
 * demo-dc cut to demo-network's DC size (150 items, 4+5 aisles, a dozen workers), with the
 * returns area of demo-dc-returns, and every flow that is off by default on: returns that come
 * back within the shift, key-account reserves, consignment and cross-dock; demo-dc-returns'
 * exception rates. Written here (not a scenario file): it exists to give every option an effect.
 */
function smallBase(): Record<string, unknown> {
  const s = read('demo-dc');
  const returns = read('demo-dc-returns');
  const zones = (returns['layout'] as { generate: { zones: Record<string, unknown>[] } }).generate.zones;
  const small: Record<string, Record<string, unknown>> = {
    F: { aisles: 4, baysPerAisle: 20, levels: 3 },
    R: { aisles: 5, baysPerAisle: 20, levels: 4 },
  };
  s['layout'] = {
    generate: {
      site: 'DC1',
      baysPerAisle: 20,
      zones: zones
        .filter((zn) => !['C', 'H'].includes(zn['id'] as string))
        .map((zn) => ({ ...zn, ...small[zn['id'] as string] })),
    },
  };
  s['items'] = {
    generate: { count: 150, chilledShare: 0, frozenShare: 0, hazmatShare: 0, lotControlledShare: 0.3 },
  };
  s['workers'] = (s['workers'] as Record<string, unknown>[]).map((w) => ({
    ...w,
    count: Math.max(1, Math.round((w['count'] as number) / 4)),
  }));
  s['resources'] = { forklift: 3, dockDoor: 2, orderPicker: 2 };
  (s['demand'] as Record<string, Record<string, unknown>>)['arrivals']!['ratePerHour'] = 18;
  (s['counting'] as Record<string, unknown>)['countsPerDay'] = 20;
  const inbound = s['inbound'] as Record<string, unknown>;
  inbound['trucksPerDay'] = [3, 3, 3, 3, 3, 1, 0];
  inbound['crossDock'] = { enabled: true };
  const stock = s['stock'] as Record<string, unknown>;
  stock['reserves'] = { enabled: true, byClass: { A: 2, B: 1 } };
  stock['consignment'] = { enabled: true, classes: ['C'] };
  s['returns'] = {
    ...(returns['returns'] as Record<string, unknown>),
    share: 0.3,
    delayHours: { kind: 'triangular', min: 0.2, mode: 0.5, max: 1 },
    transitHours: { kind: 'triangular', min: 0.2, mode: 0.5, max: 1 },
    reworkHours: { kind: 'triangular', min: 0.5, mode: 1, max: 2 },
    qcReject: { decisionHours: { kind: 'triangular', min: 0.5, mode: 1, max: 2 } },
  };
  s['exceptions'] = structuredClone(returns['exceptions']);
  // Carriers from 07:00, so shipped lines come back as returns inside the run.
  (s['packing'] as Record<string, unknown>)['carrierDepartures'] = [
    '07:00',
    '08:00',
    '09:00',
    '11:00',
    '15:00',
    '19:00',
  ];
  // One element in each collection demo-dc leaves empty, so the numbers inside can be set.
  Object.assign(s['counting'] as Record<string, unknown>, {
    criticality: { hardware: 2 },
    sweeps: [{ zone: 'F', everyDays: 1 }],
    wallToWall: [{ atHours: 6 }],
  });
  (s['demand'] as Record<string, unknown>)['customerClasses'] = [
    { name: 'express', share: 0.2, priority: 1, promiseHours: 6 },
    { name: 'standard', share: 0.8, priority: 2 },
  ];
  inbound['arrivalProfile'] = [1, 2, 3, 3, 2, 1, 1, 1, 1, 1];
  inbound['supplierLeadTimeDays'] = { ACME: 2 };
  s['rules'] = { putaway: [{ zones: ['R'], aisles: [1, 2] }], storageCategories: { R: { maxPallets: 2 } } };
  (stock['reserves'] as Record<string, unknown>)['units'] = { 'SKU-000001': 3 };
  s['name'] = 'demo-dc';
  return s;
}

const BASE = smallBase();
/** Seven hours of the early shift (05:00–12:00): with the early carriers, long enough for returns to be reworked. */
const HOURS = 12;

interface Run {
  problems: string[];
  /** The journal's lines, hashed, and the KPIs (two runs with equal fingerprints are taken as the same run). */
  fingerprint: string;
}

function fingerprint(lines: JournalEvent[]): string {
  let h = 2166136261;
  for (const e of lines) {
    const t = JSON.stringify(e);
    for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619);
  }
  return `${lines.length}:${(h >>> 0).toString(16)}`;
}

function runShift(scenario: Record<string, unknown>): Run {
  const sc = scenarioSchema.parse(scenario);
  const journal: JournalEvent[] = [];
  const truth: TruthEvent[] = [];
  const e = createEngine(sc, { journal: (ev) => journal.push(ev), truth: (t) => truth.push(t) });
  e.runUntil(HOURS * 3_600_000);
  const problems = checkInvariants(e, journal, truth);
  if (e.kpis().orders.created === 0) problems.push('no orders created');
  return { problems, fingerprint: `${fingerprint(journal)}/${JSON.stringify(e.kpis())}` };
}

interface Case {
  path: string;
  value: unknown;
  scenario: Record<string, unknown>;
}

const options = numericOptions(scenarioSchema, distributionSchema);
const parsedBase = scenarioSchema.parse(BASE);

/** One case per numeric option not exempt: its value from its bounds and its current value here. */
function cases(): { run: Case[]; notSettable: string[] } {
  const run: Case[] = [];
  const notSettable: string[] = [];
  for (const opt of options) {
    if (NUMERIC_EXEMPT[opt.path]) continue;
    const value = otherNumber(opt, valueAt(parsedBase, opt.path) ?? valueAt(BASE, opt.path));
    const s = withNumber(BASE, opt.path, value, parsedBase) as Record<string, unknown> | null;
    if (s === null) {
      notSettable.push(opt.path);
      continue;
    }
    NUMERIC_NEEDS[opt.path]?.(s, value);
    NUMERIC_CONTEXT[opt.path]?.(s);
    // The value run (a need may have moved it, as a stop hour inside the shift).
    run.push({ path: opt.path, value: valueAt(s, opt.path), scenario: s });
  }
  return { run, notSettable };
}

const { run, notSettable } = cases();
let baseRun: Run | undefined;
const base = (): Run => (baseRun ??= runShift(BASE));
/** The base with a case's context on (NUMERIC_CONTEXT), run once per context: what that case is compared with. */
const contextRuns = new Map<(s: Record<string, unknown>) => void, Run>();
function baseFor(path: string): Run {
  const ctx = NUMERIC_CONTEXT[path];
  if (!ctx) return base();
  let r = contextRuns.get(ctx);
  if (!r) {
    const s = structuredClone(BASE);
    ctx(s);
    contextRuns.set(ctx, (r = runShift(s)));
  }
  return r;
}

describe('configuration matrix: every numeric option of the scenario schema on a small demo-dc', () => {
  it('covers every numeric option the schema declares, or says why not', () => {
    expect(notSettable, 'options the small base cannot hold: seed them or exempt them').toEqual([]);
    const paths = options.map((o) => o.path);
    // A stale list entry is an error too: each one names an option the schema still has.
    for (const k of [
      ...Object.keys(NUMERIC_EXEMPT),
      ...Object.keys(NUMERIC_UNOBSERVED),
      ...Object.keys(NUMERIC_NEEDS),
      ...Object.keys(NUMERIC_CONTEXT),
      ...Object.keys(NUMERIC_KNOWN),
    ])
      expect(paths, `list entry ${k}`).toContain(k);
    for (const p of paths)
      expect(NUMERIC_EXEMPT[p] !== undefined || run.some((c) => c.path === p), p).toBe(true);
    // The walk does reach the options the enum walk cannot (a guard against a walker that finds nothing).
    for (const p of ['returns.reworkSlots', 'returns.dispositions.rework', 'people.speedFactor', 'seed'])
      expect(paths).toContain(p);
  });

  it(`the small base itself, ${HOURS} h, invariants hold`, () => {
    expect(base().problems).toEqual([]);
  }, 120_000);

  for (const c of run) {
    const unobserved = NUMERIC_UNOBSERVED[c.path];
    const known = NUMERIC_KNOWN[c.path];
    const t = known && !process.env['MATRIX_SHOW_KNOWN'] ? it.fails : it;
    t(
      `${c.path}=${JSON.stringify(c.value)}: invariants hold and the journal ${unobserved ? 'is unchanged' : 'changes'}${known ? ` — known: ${known}` : ''}`,
      () => {
        const parsed = scenarioSchema.safeParse(c.scenario);
        expect(parsed.success, parsed.success ? '' : z.prettifyError(parsed.error)).toBe(true);
        const r = runShift(c.scenario);
        expect(r.problems).toEqual([]);
        // Listed as unobservable: the listed reason must still hold, else the entry must go.
        if (unobserved)
          expect(r.fingerprint, `listed unobserved (${unobserved}) but it changed the run`).toBe(
            baseFor(c.path).fingerprint,
          );
        else
          expect(r.fingerprint, 'the option changed nothing in one shift').not.toBe(
            baseFor(c.path).fingerprint,
          );
      },
      120_000,
    );
  }
});

describe('configuration matrix: every numeric option of the network schema on demo-network', () => {
  // The sites' own scenario options are the matrix above; these are the network's own. Claims on,
  // with losses on the road and a short investigation, so the claim options act within the run.
  const { network } = loadNetwork('demo-network');
  const netBase = withSiteRates(
    network,
    { transitLoss: 0.3, transferReceiptLate: 0.3 },
    { claims: { enabled: true, investigationHours: { kind: 'triangular', min: 1, mode: 2, max: 4 } } },
  );
  const NET_HOURS = 16;
  const netOptions = numericOptions(networkSchema, distributionSchema).filter(
    (o) => !o.path.startsWith('sites.[].scenario.'),
  );
  const runNet = (n: unknown): Run => {
    const logs = logsFor();
    const r = createNetwork(networkSchema.parse(n), sinks(logs));
    r.runUntil(NET_HOURS * 3_600_000);
    const problems = r.sites.flatMap((s) =>
      checkInvariants(s.engine, logs.journal[s.name] ?? [], logs.truth[s.name] ?? []).map(
        (p) => `${s.name}: ${p}`,
      ),
    );
    return {
      problems,
      fingerprint: `${fingerprint(Object.values(logs.journal).flat())}/${JSON.stringify(networkKpis(r))}`,
    };
  };
  let netBaseRun: Run | undefined;
  const baseNet = (): Run => (netBaseRun ??= runNet(netBase));

  it('covers every numeric network option (each is run below)', () => {
    expect(netOptions.map((o) => o.path)).toEqual(
      expect.arrayContaining(['transfers.claims.foundShare', 'transfers.claims.investigationHours']),
    );
    for (const o of netOptions) expect(withNumber(netBase, o.path, 1), o.path).not.toBeNull();
    for (const k of Object.keys(NET_UNOBSERVED)) expect(netOptions.map((o) => o.path)).toContain(k);
  });

  for (const opt of netOptions) {
    const value = otherNumber(opt, valueAt(netBase, opt.path));
    it(`${opt.path}=${JSON.stringify(value)}: ${NET_HOURS} h, every site's invariants hold and the run changes`, () => {
      const r = runNet(withNumber(netBase, opt.path, value));
      expect(r.problems).toEqual([]);
      const why = NET_UNOBSERVED[opt.path];
      if (why)
        expect(r.fingerprint, `listed unobserved (${why}) but it changed the run`).toBe(
          baseNet().fingerprint,
        );
      else expect(r.fingerprint, 'the option changed nothing').not.toBe(baseNet().fingerprint);
    }, 180_000);
  }
});
