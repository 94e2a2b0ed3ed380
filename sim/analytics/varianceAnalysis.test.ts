import { describe, expect, it } from 'vitest';
import { flagAnomalies, madeBy, traceVariances, varianceBy } from './varianceAnalysis.ts';
import type { CountRecord } from './countRecord.ts';
import type { TruthEvent } from '../exceptions/truthEvent.ts';

const truth = (
  id: string,
  t: number,
  bin: string,
  sku: string,
  d: number,
  cause: TruthEvent['cause'],
  worker = 'pick-01',
): TruthEvent => ({
  id,
  seq: Number(id.slice(1)),
  t,
  cause,
  bin,
  sku,
  worker,
  changes: [],
  delta: [{ bin, sku, lot: '', status: 'available', delta: d }],
});
const count = (
  id: string,
  t: number,
  bin: string,
  sku: string,
  sys: number,
  counted: number,
): CountRecord => ({
  count: id,
  t,
  bin,
  zone: bin[0]!,
  sku,
  lot: '',
  systemQty: sys,
  countedQty: counted,
  within: sys === counted,
  first: true,
  counter: 'cnt-01',
  adjustment: counted - sys,
  value: Math.abs(counted - sys) * 2,
  rootCause: counted === sys ? '' : 'shrink',
});

describe('variance analysis', () => {
  const H = 3_600_000;
  const log = [
    truth('T1', 1 * H, 'A', 'X', -3, 'shrink', ''),
    truth('T2', 2 * H, 'B', 'X', 5, 'unscannedMove'),
    truth('T3', 9 * H, 'A', 'X', -1, 'uomError'),
  ];
  const counts = [
    count('C1', 5 * H, 'A', 'X', 20, 17),
    count('C2', 6 * H, 'B', 'X', 0, 5),
    count('C3', 7 * H, 'C', 'Y', 4, 4),
  ];

  it('traces each found variance to the exceptions that made it, with time to detection', () => {
    const { found, unfound } = traceVariances(log, counts);
    expect(found.map((f) => [f.count, f.made.map((m) => [m.truth, m.detectionHours])])).toEqual([
      ['C1', [['T1', 4]]],
      ['C2', [['T2', 4]]],
    ]);
    // T3 happened after the count of bin A: still unfound.
    expect(unfound).toBe(1);
    expect(madeBy(found, (m) => m.cause).map((r) => [r.key, r.absUnits])).toEqual([
      ['unscannedMove', 5],
      ['shrink', 3],
    ]);
    expect(madeBy(found, (m) => m.worker).find((r) => r.key === '(unknown)')!.absUnits).toBe(3);
  });

  it('tabulates variances without netting across bins', () => {
    const rows = varianceBy(counts, (c) => c.sku);
    expect(rows.find((r) => r.key === 'X')).toEqual({
      key: 'X',
      counts: 2,
      variances: 2,
      absUnits: 8,
      value: 16,
    });
  });

  it('flags a group far above its peers and not one that is merely unlucky', () => {
    const groups = [
      { group: 'pick-01', events: 30, opportunities: 1000 },
      { group: 'pick-02', events: 5, opportunities: 1000 },
      { group: 'pick-03', events: 6, opportunities: 1000 },
      { group: 'pick-04', events: 4, opportunities: 1000 },
      { group: 'pick-05', events: 2, opportunities: 40 },
    ];
    const a = flagAnomalies(groups);
    expect(a.map((x) => x.group)).toEqual(['pick-01']);
    expect(a[0]!.z).toBeGreaterThan(3);
  });
});
