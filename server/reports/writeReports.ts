import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { madeBy, traceVariances, varianceBy, type Engine, type VarianceRow } from '../../sim/index.ts';
import { toCsv } from './csv.ts';
import { lineChartSvg } from './lineChartSvg.ts';

const ROW = ['key', 'counts', 'variances', 'absUnits', 'value'];

/**
 * The reconciliation report of a run, as files in its output folder: variance tables by item,
 * bin, zone, counter, root cause (from the counts) and by cause, worker, shift, supplier (from
 * where the errors were made), every found variance with its origins and time to detection, and
 * IRA over time as CSV and SVG. Returns the file names written. `write` writes one file (the
 * live server passes an atomic writer, so a crash never leaves a torn report).
 */
export function writeReports(
  engine: Engine,
  outDir: string,
  write: (path: string, text: string) => void = writeFileSync,
): string[] {
  const data = engine.reconciliation();
  if (!data) return [];
  const records = data.counts;
  const first = records.filter((r) => r.first);
  const { found } = traceVariances(data.truth, first);
  const files: [string, string][] = [];
  const table = (name: string, rows: VarianceRow[]): void => {
    files.push([
      name,
      toCsv(ROW, rows.map((r) => ({ ...r, absUnits: round(r.absUnits), value: round(r.value) })) as never),
    ]);
  };
  table(
    'variance-by-item.csv',
    varianceBy(first, (c) => c.sku),
  );
  table(
    'variance-by-bin.csv',
    varianceBy(first, (c) => c.bin),
  );
  table(
    'variance-by-zone.csv',
    varianceBy(first, (c) => c.zone),
  );
  table(
    'variance-by-counter.csv',
    varianceBy(records, (c) => c.counter),
  );
  table(
    'variance-by-root-cause.csv',
    varianceBy(
      records.filter((r) => r.adjustment !== 0),
      (c) => c.rootCause || 'UNKNOWN',
    ),
  );
  table(
    'variance-made-by-cause.csv',
    madeBy(found, (m) => m.cause),
  );
  table(
    'variance-made-by-worker.csv',
    madeBy(found, (m) => m.worker),
  );
  table(
    'variance-made-by-shift.csv',
    madeBy(found, (m) => m.shift),
  );
  table(
    'variance-made-by-supplier.csv',
    madeBy(found, (m) => m.supplier),
  );
  files.push([
    'where-made-vs-found.csv',
    toCsv(
      [
        'count',
        'foundHours',
        'foundBin',
        'sku',
        'variance',
        'value',
        'truth',
        'cause',
        'madeBin',
        'worker',
        'shift',
        'supplier',
        'madeHours',
        'detectionHours',
      ],
      found.flatMap((f) =>
        (f.made.length ? f.made : [null]).map((m) => ({
          count: f.count,
          foundHours: round(f.foundT / 3_600_000),
          foundBin: f.foundBin,
          sku: f.sku,
          variance: f.variance,
          value: f.value,
          ...(m
            ? {
                truth: m.truth,
                cause: m.cause,
                madeBin: m.bin,
                worker: m.worker,
                shift: m.shift,
                supplier: m.supplier,
                madeHours: round(m.t / 3_600_000),
                detectionHours: round(m.detectionHours),
              }
            : {}),
        })),
      ),
    ),
  ]);
  files.push([
    'counts.csv',
    toCsv(
      [
        'count',
        't',
        'bin',
        'zone',
        'sku',
        'lot',
        'systemQty',
        'countedQty',
        'within',
        'first',
        'counter',
        'adjustment',
        'value',
        'rootCause',
      ],
      records as never,
    ),
  ]);
  const series = data.iraSeries.filter((p): p is [number, number] => p[1] !== null);
  files.push([
    'ira-over-time.csv',
    toCsv(
      ['hour', 'iraByTruth'],
      series.map(([hour, ira]) => ({ hour, iraByTruth: ira })),
    ),
  ]);
  files.push([
    'ira-over-time.svg',
    lineChartSvg(`${data.scenario}: inventory record accuracy by truth`, 'sim hours', 'IRA', [
      { label: 'IRA by truth (storage bins)', points: series },
    ]),
  ]);
  for (const [name, text] of files) write(join(outDir, name), text);
  return files.map(([name]) => name);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
