import { scenarioSchema, type Scenario, type ScenarioInput } from '../../index.ts';

/**
 * A small tracked site for the returns tests: forward and reserve storage, receiving, staging,
 * QC, a returns area and a rework area; inbound trucks with QC holds and rejects; receivers and
 * putaway drivers on two shifts; returns quick to come back so a few days hold many of them.
 */
export function returnsSite(
  returns: Record<string, unknown> = {},
  overrides: Partial<ScenarioInput> = {},
): Scenario {
  const s: ScenarioInput = {
    schemaVersion: 1,
    name: 'returns-small',
    seed: 13,
    layout: {
      generate: {
        site: 'RT1',
        baysPerAisle: 12,
        bayWidth: 1.35,
        levels: 3,
        zones: [
          { id: 'F', name: 'Forward', kind: 'forward', aisles: 2, levels: 2 },
          { id: 'R', name: 'Reserve', kind: 'reserve', aisles: 4, levels: 4 },
          { id: 'RCV', name: 'Receiving', kind: 'receiving', bins: 2 },
          { id: 'S', name: 'Staging', kind: 'staging', bins: 4 },
          { id: 'Q', name: 'QC hold', kind: 'qc', bins: 2 },
          { id: 'RT', name: 'Returns', kind: 'returns', bins: 3 },
          { id: 'RW', name: 'Rework', kind: 'returns', bins: 2 },
          { id: 'P', name: 'Pack', kind: 'pack', bins: 2 },
          { id: 'SHP', name: 'Shipping', kind: 'ship', bins: 2 },
        ],
        docks: { inbound: 2, outbound: 2 },
      },
    },
    items: {
      generate: {
        count: 40,
        chilledShare: 0,
        frozenShare: 0,
        hazmatShare: 0,
        lotControlledShare: 0.4,
        eachSizeCm: [5, 20],
      },
    },
    shifts: [
      { id: 'early', start: '05:00', end: '13:30', days: [0, 1, 2, 3, 4, 5, 6] },
      { id: 'late', start: '13:00', end: '21:30', days: [0, 1, 2, 3, 4, 5, 6] },
    ],
    workers: [
      { role: 'picker', count: 3, speed: 1.1, prefix: 'pick' },
      { role: 'receiver', count: 2, prefix: 'rcv', shift: 'early' },
      { role: 'receiver', count: 1, prefix: 'rcvl', shift: 'late' },
      { role: 'putaway', count: 1, speed: 2, prefix: 'fke', shift: 'early' },
      { role: 'putaway', count: 1, speed: 2, prefix: 'fkl', shift: 'late' },
    ],
    resources: { forklift: 2, dockDoor: 2 },
    demand: {
      arrivals: { kind: 'poisson', ratePerHour: 15 },
      linesPerOrder: { kind: 'empirical', values: [1, 2, 3], weights: [5, 3, 2] },
      unitsPerLine: { kind: 'empirical', values: [1, 2, 4], weights: [6, 3, 1] },
    },
    picking: { serviceTime: { kind: 'lognormal', mean: 12, sd: 5 } },
    stock: { reservePallets: 1, opening: 'full' },
    inbound: {
      leadTimeDays: 0,
      trucksPerDay: [6, 6, 6, 6, 6, 0, 0],
      linesPerPo: { kind: 'empirical', values: [2, 4], weights: [1, 1] },
      casesPerLine: { kind: 'triangular', min: 2, mode: 6, max: 20 },
      qc: { share: 0.6, rejectShare: 0.5, inspectionTime: 600 },
    },
    returns: {
      share: 0.3,
      delayHours: { kind: 'uniform', min: 1, max: 12 },
      transitHours: { kind: 'uniform', min: 1, max: 6 },
      reworkHours: { kind: 'uniform', min: 1, max: 4 },
      qcReject: { vendorReturnShare: 0.5, decisionHours: { kind: 'uniform', min: 1, max: 8 } },
      ...returns,
    },
    ...overrides,
  };
  return scenarioSchema.parse(s);
}
