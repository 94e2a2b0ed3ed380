import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../sim/index.ts';
import { createEngine, restoreEngine } from '../sim/engineApi.ts';

const demoJson = JSON.parse(readFileSync(new URL('../scenarios/demo-dc.json', import.meta.url), 'utf8'));
// Every face within reach: a high pick's extra equipment time (picking.reach) depends on which
// bins a picker happened to visit, not on the person, and would blur the task factor measured below.
const demo = scenarioSchema.parse({
  ...demoJson,
  picking: { ...demoJson.picking, reach: { ...demoJson.picking.reach, maxLevel: 26 } },
});
const MIN = 60_000;

const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
function correlation(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe('workers differ (demo-dc, one day)', () => {
  const e = createEngine(demo);
  // Who is on break, sampled every minute, per shift.
  const worstShare: Record<string, number> = {};
  for (let t = MIN; t <= 24 * 60 * MIN; t += MIN) {
    e.runUntil(t);
    const on = new Map<string, { shift: number; brk: number }>();
    for (const x of e.world.workers) {
      if (!x.onShift || x.shift === null) continue;
      const s = on.get(x.shift) ?? { shift: 0, brk: 0 };
      s.shift++;
      if (x.onBreak) s.brk++;
      on.set(x.shift, s);
    }
    for (const [shift, s] of on) worstShare[shift] = Math.max(worstShare[shift] ?? 0, s.brk / s.shift);
  }

  it('draws personal speed and task-time factors: deterministic from the seed, saved in the snapshot', () => {
    const f = e.world.workers.map((x) => [x.speedFactor, x.taskFactor]);
    const again = createEngine(demo).world.workers.map((x) => [x.speedFactor, x.taskFactor]);
    expect(again).toEqual(f);
    const other = createEngine(demo, { seed: 99 }).world.workers.map((x) => [x.speedFactor, x.taskFactor]);
    expect(other).not.toEqual(f);
    const task = f.map(([, t]) => t!);
    const speed = f.map(([s]) => s!);
    expect(new Set(task).size).toBe(task.length);
    expect(Math.max(...task) - Math.min(...task)).toBeGreaterThan(0.2);
    expect(Math.max(...speed) - Math.min(...speed)).toBeGreaterThan(0.1);
    const snap = JSON.parse(JSON.stringify(e.snapshot()));
    expect(restoreEngine(demo, snap).world.workers.map((x) => [x.speedFactor, x.taskFactor])).toEqual(f);
    // Speed is the group's times the person's factor.
    const picker = e.world.workers.find((x) => x.role === 'picker')!;
    expect(picker.speed).toBeCloseTo(1.1 * picker.speedFactor, 12);
  });

  it("pickers' observed mean time per line follows their task factor", () => {
    const pickers = e.world.workers.filter((x) => x.role === 'picker' && x.stats.linesPicked > 100);
    expect(pickers.length).toBeGreaterThanOrEqual(20);
    const perLine = pickers.map((x) => x.stats.workMs['pick']! / x.stats.linesPicked);
    const factors = pickers.map((x) => x.taskFactor);
    expect(correlation(factors, perLine)).toBeGreaterThan(0.9);
    // Observed ÷ factor is the same planned mean for everyone, within sampling noise.
    const base = perLine.map((p, i) => p / factors[i]!);
    const m = mean(base);
    for (const b of base) expect(Math.abs(b / m - 1)).toBeLessThan(0.1);
    const fastest = perLine.indexOf(Math.min(...perLine));
    const slowest = perLine.indexOf(Math.max(...perLine));
    expect(factors[fastest]!).toBeLessThan(factors[slowest]!);
  });

  it('staggers breaks: never more than 55% of a shift on break at once', () => {
    expect(Object.keys(worstShare).sort()).toEqual(['early', 'late']);
    for (const share of Object.values(worstShare)) {
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThanOrEqual(0.55);
    }
  });

  it('with no stagger everyone breaks together (the band above can fail)', () => {
    const flat = createEngine(
      scenarioSchema.parse({ ...demo, people: { ...demo.people, breakStaggerMinutes: 0 } }),
    );
    flat.runUntil(9 * 60 * MIN + 10 * MIN);
    const early = flat.world.workers.filter((x) => x.shift === 'early' && x.onShift);
    expect(early.filter((x) => x.onBreak).length / early.length).toBeGreaterThan(0.8);
  });
});
