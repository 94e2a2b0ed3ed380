import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import { projectView } from '../sim/view/projection.ts';

const json = JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8'));
// Careless counters, so a day has counts out of tolerance and recounts to tell apart.
const demo = scenarioSchema.parse({ ...json, counting: { ...json.counting, miscount: { rate: 0.2 } } });

/** Every path in a KPI tree whose key names IRA as counted, however spelt. */
function pathsNamed(tree: unknown, pattern: RegExp, at = ''): string[] {
  if (!tree || typeof tree !== 'object' || Array.isArray(tree)) return [];
  return Object.entries(tree).flatMap(([k, v]) => [
    ...(pattern.test(k) ? [at + k] : []),
    ...pathsNamed(v, pattern, `${at}${k}.`),
  ]);
}

describe('IRA as counted: one definition, one figure', () => {
  const journal: JournalEvent[] = [];
  const e = createEngine(demo, { journal: (x) => journal.push(x) });
  e.runUntil(24 * 3_600_000);
  const k = JSON.parse(JSON.stringify(e.kpis())) as Record<string, Record<string, unknown>>;

  it('appears once in kpis.json', () => {
    expect(pathsNamed(k, /asCounted/i)).toEqual(['counting.iraAsCounted']);
  });

  it('equals counts within tolerance ÷ counts taken, per count, recomputed from the journal', () => {
    // A count request's first verdict is its first posted / out-of-tolerance / voided event.
    const first = new Map<string, string>();
    for (const ev of journal) {
      if (!['count.posted', 'count.outOfTolerance', 'count.voided'].includes(ev.type)) continue;
      const code = ev.docs!.count!;
      if (!first.has(code)) first.set(code, ev.type);
    }
    const taken = [...first.values()].filter((t) => t !== 'count.voided');
    const within = taken.filter((t) => t === 'count.posted').length;
    expect(taken.length).toBeGreaterThan(150);
    expect(within).toBeLessThan(taken.length);
    expect(k.counting!.iraAsCounted).toBe(Math.round((within / taken.length) * 1e6) / 1e6);
    expect(k.counting!.countsJudged).toBe(taken.length);
  });

  it('is what the wall screen shows', () => {
    const run = { runId: 'r', scenario: 'demo-dc', seed: '1', speed: 60, paused: false, until: null };
    const tile = projectView(e, run, 0).kpis.find((t) => t.id === 'iraAsCounted')!;
    expect(tile.value).toBeCloseTo(k.counting!.iraAsCounted as number, 4);
  });
});
