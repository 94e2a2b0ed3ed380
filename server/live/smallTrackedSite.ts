import { scenarioSchema, type Scenario, type ScenarioInput } from '../../sim/index.ts';

// A copy of sim's replenishment test site for server tests, which may reach sim only through its
// entry points (the import-graph rule sim-tests-through-entry-points).

/**
 * A small tracked site for the live-run tests (truth log, rewind): 40 forward faces, 160 reserve
 * locations, 30 ambient items, pickers, a replenisher, a putaway driver, a counter.
 */
export function smallTrackedSite(overrides: Partial<ScenarioInput> = {}): Scenario {
  const base: ScenarioInput = {
    schemaVersion: 1,
    name: 'replen-small',
    seed: 11,
    layout: {
      generate: {
        site: 'T1',
        baysPerAisle: 10,
        bayWidth: 1.35,
        zones: [
          { id: 'F', name: 'Forward', kind: 'forward', aisles: 2, levels: 2 },
          { id: 'R', name: 'Reserve', kind: 'reserve', aisles: 4, levels: 4 },
          { id: 'P', name: 'Pack', kind: 'pack', bins: 2 },
        ],
      },
    },
    items: {
      generate: {
        count: 30,
        chilledShare: 0,
        frozenShare: 0,
        hazmatShare: 0,
        lotControlledShare: 0.5,
        eachSizeCm: [10, 25],
        pareto: { topShare: 0.2, lineShare: 0.5 },
      },
    },
    workers: [
      { role: 'picker', count: 3, speed: 1.1, prefix: 'pick' },
      { role: 'replenisher', count: 1, speed: 1.5, prefix: 'repl' },
      { role: 'putaway', count: 1, speed: 1.5, prefix: 'put' },
      { role: 'counter', count: 1, speed: 1.2, prefix: 'cnt' },
    ],
    demand: {
      arrivals: { kind: 'poisson', ratePerHour: 30 },
      linesPerOrder: { kind: 'empirical', values: [1, 2, 3], weights: [40, 35, 25] },
      unitsPerLine: { kind: 'empirical', values: [1, 2, 4, 6], weights: [40, 30, 20, 10] },
      promiseHours: 8,
    },
    picking: {
      method: 'discrete',
      serviceTime: { kind: 'triangular', min: 5, mode: 10, max: 20 },
      tourOverhead: 20,
    },
    stock: { slotting: 'velocity', reservePallets: 4 },
    resources: { forklift: 2 },
    replenishment: { min: 0.3, max: 1 },
    // Perfect counters: these tests check that counts of equal ledgers find nothing.
    counting: {
      countsPerDay: 60,
      window: { start: '00:00', end: '23:59' },
      days: [0, 1, 2, 3, 4, 5, 6],
      miscount: { rate: 0 },
    },
    ...overrides,
  };
  return scenarioSchema.parse(base);
}
