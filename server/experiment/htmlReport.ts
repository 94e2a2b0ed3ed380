import { comparisonWords, decimalsFor } from './analyse.ts';
import type { ExperimentResults } from './experimentResults.ts';
import { boxPlot, esc, intervalPlot } from './svgPlots.ts';

const STYLE = `body{font-family:sans-serif;max-width:960px;margin:24px auto;color:#222;padding:0 12px}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;font-size:13px}
th{background:#f4f4f4}h2{margin-top:32px;border-bottom:1px solid #ddd}.note{color:#555;font-size:13px}
.best{background:#eef6ea;padding:6px 10px;border-left:4px solid #5cb85c}`;

/**
 * One self-contained HTML page (inline CSS and SVG, no script, no external reference): the
 * settings, then per KPI the CI plot, the box plot, the paired differences and the selection.
 */
export function htmlReport(r: ExperimentResults): string {
  const pct = `${Math.round(r.settings.confidence * 1000) / 10}%`;
  const rule = r.settings.replications;
  const reps =
    typeof rule === 'number'
      ? `${rule} per variant (fixed)`
      : `sequential on ${rule.kpi}: until the ${pct} half-width ≤ ${rule.halfWidth} in every variant, from ${rule.initial} in steps of ${rule.step}, at most ${rule.max}; ran ${r.n}, target ${r.targetMet ? 'met' : 'NOT met'}`;
  const settings: [string, string][] = [
    ['base scenario', r.base],
    ['variants', r.variants.map((v) => (v.name === r.baseline ? `${v.name} (baseline)` : v.name)).join(', ')],
    ['replications', reps],
    ['warm-up', `${r.settings.warmupHours} h`],
    ['run length after warm-up', `${r.settings.runHours} h`],
    ['seeds', r.settings.seeds],
    ['common random numbers', r.settings.commonRandomNumbers],
    ['confidence', pct],
  ];
  const parts: string[] = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(r.experiment)} — experiment report</title><style>${STYLE}</style></head><body>`,
    `<h1>Experiment ${esc(r.experiment)}</h1>`,
    r.description ? `<p>${esc(r.description)}</p>` : '',
    `<table>${settings.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>`,
    `<p class="note">Intervals are t-based ${pct} confidence intervals over independent replications. Differences are paired (replication r of each variant shares its random numbers with the baseline's). An interval covering zero means no difference was detected, not that there is none.</p>`,
  ];
  const baseIdx = r.variants.findIndex((v) => v.name === r.baseline);
  for (const k of r.kpis) {
    const ref = k.variants.find((v) => v.interval)?.interval;
    const digits = decimalsFor(ref?.halfWidth ?? null, ref?.mean ?? 0);
    const f = (x: number | null | undefined): string =>
      x === null || x === undefined ? '–' : x.toFixed(digits);
    parts.push(`<h2>${esc(k.path)}</h2>`);
    parts.push(
      `<p class="note">${k.goal ? `${k.goal === 'max' ? 'higher' : 'lower'} is better` : 'no goal: not ranked'}; ${k.over === 'after-warmup' ? 'counted after the warm-up' : 'value at the end of the run'}.</p>`,
    );
    if (k.selectionText) parts.push(`<p class="best">Best: ${esc(k.selectionText)}</p>`);
    const rows = k.variants.filter((v) => v.interval);
    if (rows.length > 0) {
      parts.push(`<h3>Means with ${pct} CI</h3>`);
      parts.push(
        intervalPlot(
          rows.map((v) => ({
            label: v.variant,
            mean: v.interval!.mean,
            lo: v.interval!.lo,
            hi: v.interval!.hi,
          })),
        ),
      );
      parts.push(`<h3>Replications (box: quartiles, whiskers: min–max, band: ${pct} CI of the mean)</h3>`);
      parts.push(
        boxPlot(
          rows.map((v) => ({
            label: v.variant,
            values: v.values.filter((x): x is number => x !== null),
            mean: v.interval!.mean,
            lo: v.interval!.lo,
            hi: v.interval!.hi,
          })),
        ),
      );
    }
    const diffs = k.variants.filter((v) => v.vsBaseline);
    if (diffs.length > 0) {
      parts.push(`<h3>Paired differences against ${esc(r.baseline)}</h3>`);
      parts.push(
        intervalPlot(
          diffs.map((v) => ({
            label: `${v.variant} − ${r.baseline}`,
            mean: v.vsBaseline!.mean,
            lo: v.vsBaseline!.lo,
            hi: v.vsBaseline!.hi,
          })),
          true,
        ),
      );
    }
    parts.push(
      `<table><tr><th>variant</th><th>n</th><th>mean</th><th>sd</th><th>${pct} CI</th><th>paired vs ${esc(r.baseline)}</th></tr>` +
        k.variants
          .map((v, i) => {
            const ci = v.interval;
            const cmp = comparisonWords(v, i === baseIdx, r.baseline, digits);
            return `<tr><td>${esc(v.variant)}</td><td>${ci?.n ?? 0}</td><td>${f(ci?.mean)}</td><td>${f(ci?.sd)}</td><td>${ci && ci.lo !== null ? `[${f(ci.lo)}, ${f(ci.hi)}]` : '–'}</td><td>${esc(cmp)}</td></tr>`;
          })
          .join('') +
        '</table>',
    );
  }
  parts.push(
    `<h2>Every replication</h2><table><tr><th>variant</th><th>replication</th><th>seed</th>${r.kpis.map((k) => `<th>${esc(k.path)}</th>`).join('')}</tr>`,
  );
  for (const x of r.replications)
    parts.push(
      `<tr><td>${esc(x.variant)}</td><td>${x.replication}</td><td>${esc(x.seed)}</td>${r.kpis.map((k) => `<td>${x.kpis[k.path] ?? '–'}</td>`).join('')}</tr>`,
    );
  parts.push('</table></body></html>\n');
  return parts.join('\n');
}
