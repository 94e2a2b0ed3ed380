import type { Problem } from '../scenarioProblems.ts';

/** What a dot path finds in a KPI report. */
export type KpiLookup =
  | { kind: 'value'; value: number | null }
  | { kind: 'group'; keys: string[] }
  | { kind: 'missing'; at: string; keys: string[] }
  | { kind: 'other'; value: unknown };

/** Follows `path` (`reconciliation.iraByTruth`) through a KPI report. */
export function lookupKpi(report: unknown, path: string): KpiLookup {
  let node: unknown = report;
  const keys = path.split('.');
  for (let i = 0; i < keys.length; i++) {
    if (typeof node !== 'object' || node === null || !(keys[i]! in node)) {
      const at = keys.slice(0, i).join('.') || '(top)';
      const here = typeof node === 'object' && node !== null ? Object.keys(node) : [];
      return { kind: 'missing', at, keys: here };
    }
    node = (node as Record<string, unknown>)[keys[i]!];
  }
  if (typeof node === 'number' || node === null) return { kind: 'value', value: node };
  if (typeof node === 'object' && !Array.isArray(node)) return { kind: 'group', keys: Object.keys(node) };
  return { kind: 'other', value: node };
}

/** The KPI's number, or null when the run left it undefined (a rate with nothing to divide by). */
export function readKpi(report: unknown, path: string): number | null {
  const r = lookupKpi(report, path);
  if (r.kind !== 'value') throw new Error(`KPI "${path}" is not a number in this run's report`);
  return r.value;
}

const list = (keys: string[]): string =>
  keys.length > 12 ? `${keys.slice(0, 12).join(', ')} …` : keys.join(', ');

/**
 * Checks KPI paths against a real report (the variant's engine at time 0 has every group a run
 * produces): each must lead to a number (or null until something happens), not a group or text.
 */
export function checkKpiPaths(report: unknown, paths: readonly string[], where: string): Problem[] {
  const out: Problem[] = [];
  paths.forEach((path, i) => {
    const r = lookupKpi(report, path);
    const at = `kpis[${i}]`;
    if (r.kind === 'missing')
      out.push({ path: at, message: `${where}: no KPI "${path}": ${r.at} has ${list(r.keys) || 'nothing'}` });
    else if (r.kind === 'group')
      out.push({ path: at, message: `${where}: "${path}" is a group; pick one of ${list(r.keys)}` });
    else if (r.kind === 'other')
      out.push({ path: at, message: `${where}: "${path}" is ${JSON.stringify(r.value)}, not a number` });
  });
  return out;
}
