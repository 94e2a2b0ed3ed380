import { comparisonWords, decimalsFor } from './analyse.ts';
import type { KpiAnalysis } from './analyse.ts';

const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - s.length));

/** The CLI's summary: per KPI, each variant's mean and CI, the paired difference to the baseline, the selection. */
export function summaryTable(analyses: readonly KpiAnalysis[], baseline: number, level: number): string {
  const pct = `${Math.round(level * 1000) / 10}%`;
  const lines: string[] = [];
  for (const a of analyses) {
    const b = a.variants[baseline]!;
    const ref = a.variants.find((v) => v.interval !== null)?.interval;
    const digits = decimalsFor(ref?.halfWidth ?? null, ref?.mean ?? 0);
    const f = (x: number | null): string => (x === null ? '–' : x.toFixed(digits));
    const n = ref?.n ?? 0;
    lines.push(
      `${a.path}${a.goal ? ` (${a.goal === 'max' ? 'higher' : 'lower'} is better)` : ''}${a.over === 'after-warmup' ? ', after warm-up' : ''}`,
    );
    const nameW = Math.max(8, ...a.variants.map((v) => v.variant.length + 2));
    const rows = a.variants.map((v) => {
      const ci = v.interval;
      const mean = ci ? f(ci.mean) : 'no value';
      const range = ci && ci.lo !== null ? `[${f(ci.lo)}, ${f(ci.hi)}]` : '';
      const missing = ci && ci.n < n ? ` (${ci.n} values)` : '';
      const cmp = comparisonWords(v, v === b, b.variant, digits);
      return { name: v === b ? `${v.variant} *` : v.variant, mean: mean + missing, range, cmp };
    });
    const meanW = Math.max(4, ...rows.map((r) => r.mean.length));
    const rangeW = Math.max(6, ...rows.map((r) => r.range.length));
    lines.push(
      `  ${pad('variant', nameW)}  ${pad('mean', meanW)}  ${pad(`${pct} CI`, rangeW)}  paired vs baseline`,
    );
    for (const r of rows)
      lines.push(`  ${pad(r.name, nameW)}  ${pad(r.mean, meanW)}  ${pad(r.range, rangeW)}  ${r.cmp}`);
    if (a.selectionText) lines.push(`  best: ${a.selectionText}`);
    lines.push('');
  }
  return lines.join('\n');
}
