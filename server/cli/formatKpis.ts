import { formatNumber } from './displayFormat.ts';

/** A KPI tree as the engine returns it: nested groups of numbers, strings, booleans and nulls. */
export type KpiTree = { readonly [key: string]: KpiValue };
/** One node of a KPI tree. */
export type KpiValue = number | string | boolean | null | undefined | KpiTree | readonly KpiValue[];

const INDENT = '  ';

/**
 * Renders KPIs as readable text without knowing their shape, so new KPIs show up without
 * touching this file: leaves of a group become aligned `label  value` rows (numbers
 * right-aligned), nested objects become indented headings, camelCase keys become words
 * (`linesPerLabourHour` → `lines per labour hour`). Key order is the engine's, so output is stable.
 */
export function formatKpis(tree: KpiTree): string {
  const out: string[] = [];
  renderGroup(tree, 0, out);
  return out.join('\n');
}

/**
 * Turns a camelCase or snake_case key into words (`linesPerLabourHour` → `lines per labour hour`).
 * Only the words camelCase capitalised are lower-cased: all-capital keys are ids or acronyms
 * (zone `F`, `RCV`, `IRA`) and stay as they are.
 */
export function keyToLabel(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((w) => (/^[A-Z][a-z]/.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

function renderGroup(group: KpiTree, depth: number, out: string[]): void {
  const pad = INDENT.repeat(depth);
  const leaves: [string, string, boolean][] = [];
  const flushLeaves = (): void => {
    if (leaves.length === 0) return;
    const labelWidth = Math.max(...leaves.map(([l]) => l.length));
    const numWidth = Math.max(0, ...leaves.filter(([, , num]) => num).map(([, v]) => v.length));
    for (const [label, value, num] of leaves) {
      out.push(`${pad}${label.padEnd(labelWidth)}  ${num ? value.padStart(numWidth) : value}`.trimEnd());
    }
    leaves.length = 0;
  };
  for (const [key, value] of Object.entries(group)) {
    if (value === undefined) continue;
    if (isGroup(value)) {
      // A group interrupts the rows; rows after it start a new aligned block.
      flushLeaves();
      if (depth === 0 && out.length > 0) out.push('');
      out.push(`${pad}${keyToLabel(key)}`);
      if (Object.keys(value).length === 0) out.push(`${pad}${INDENT}(none)`);
      renderGroup(value, depth + 1, out);
    } else {
      leaves.push([keyToLabel(key), formatLeaf(value), typeof value === 'number']);
    }
  }
  flushLeaves();
}

function isGroup(v: KpiValue): v is KpiTree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function formatLeaf(v: KpiValue): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (isGroup(x) ? JSON.stringify(x) : formatLeaf(x))).join(', ');
  return JSON.stringify(v);
}
