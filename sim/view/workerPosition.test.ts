import demoJson from '../../scenarios/demo-dc.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../index.ts';
import { createEngine } from '../engineApi.ts';
import { RandomStreams } from '../random/randomStreams.ts';
import { pointDistance } from '../routing/distance.ts';
import { shortestCorners, walkLength } from '../routing/walkPath.ts';
import type { RoutingGeometry } from '../routing/routingGeometry.ts';
import { projectView } from './projection.ts';
import type { RunStatus } from './viewState.ts';
import { layoutGeometry, stepWalk, workerPosition } from './workerPosition.ts';

const run: RunStatus = { runId: 'r1', scenario: 'demo-dc', seed: '5', speed: 60, paused: false, until: null };

/** On a walkable line: an aisle centre line, a cross aisle, or the open floor in front or behind. */
function onWalkway(g: RoutingGeometry, x: number, y: number, eps: number): boolean {
  const front = g.crossY[0]!;
  const back = g.crossY[g.crossY.length - 1]!;
  if (y <= front + eps || y >= back - eps) return true;
  if (g.crossY.some((c) => Math.abs(c - y) <= eps)) return true;
  return g.aisleX.some((a) => Math.abs(a - x) <= eps);
}

describe('worker walks on the floor view', () => {
  const scenario = scenarioSchema.parse(demoJson);

  it('the shortest walk drawn is as long as the distance the engine measures', () => {
    const e = createEngine(scenario, { seed: 5 });
    const g = layoutGeometry(e.world.site.layout!);
    const rng = new RandomStreams('walks').stream('points');
    const xs = [...g.aisleX, e.world.site.depot.x, 0, 40.2];
    for (let i = 0; i < 5000; i++) {
      const x1 = xs[Math.floor(rng() * xs.length)]!;
      const x2 = xs[Math.floor(rng() * xs.length)]!;
      const ax = g.aisleX.includes(x1);
      const bx = g.aisleX.includes(x2);
      // Off-aisle points (docks, staging) lie on the open floor in front of the racking.
      const y1 = ax ? rng() * 60 : rng() * 15;
      const y2 = bx ? rng() * 60 : rng() * 15;
      const c = shortestCorners(g, x1, y1, x2, y2);
      expect(walkLength(x1, y1, c, x2, y2)).toBeCloseTo(pointDistance(g, x1, y1, x2, y2), 9);
    }
  });

  for (const routing of ['s-shape', 'return', 'largest-gap', 'nearest-neighbour'] as const) {
    it(`${routing}: every travel step follows the aisles, from its start to its end, as long as the engine walked`, () => {
      const e = createEngine({ ...scenario, picking: { ...scenario.picking, routing } }, { seed: 5 });
      const w = e.world;
      const g = layoutGeometry(w.site.layout!);
      e.runUntil(7 * 3_600_000);
      // KPIs are not what is under test here: computed once, so each tick projects cheaply.
      const kpis = e.kpis();
      const src = { world: w, kpis: () => kpis };
      const seen = new Set<string>();
      let steps = 0;
      let turning = 0;
      let straightThroughRacks = 0;
      const end = e.now() + 15 * 60_000;
      while (e.now() < end) {
        e.runUntil(e.now() + 5_000);
        const view = projectView(src, run, 0);
        w.workers.forEach((x, i) => {
          const job = x.job;
          const step = job?.steps[job.cursor];
          // What the server streams is on a walkway too (rounded to the centimetre).
          const shown = view.workers[i]!;
          expect(onWalkway(g, shown.x, shown.y, 0.006), `${x.code} at ${shown.x},${shown.y}`).toBe(true);
          if (!job || !step || x.moveEnd <= x.moveStart) return;
          const key = `${x.code}:${x.moveStart}`;
          if (seen.has(key)) return;
          seen.add(key);
          steps++;
          const walk = stepWalk(x, step, g);
          // As long as the engine's travel distance for the step, and as long as its travel time.
          const engineM = step.legM >= 0 ? step.legM : w.site.distance({ x: x.fromX, y: x.fromY }, step);
          expect(walk.length, `${x.code} ${job.kind}`).toBeCloseTo(engineM, 6);
          expect(
            Math.abs(Math.round((walk.length / x.speed) * 1000) - (x.moveEnd - x.moveStart)),
          ).toBeLessThanOrEqual(1);
          if (walk.corners.length > 0) turning++;
          const mid = { x: (x.fromX + step.x) / 2, y: (x.fromY + step.y) / 2 };
          if (!onWalkway(g, mid.x, mid.y, 1e-6)) straightThroughRacks++;
          // Sampled along the step: on a walkway always, at the start first and the end last.
          const t0 = x.moveStart;
          const t1 = x.moveEnd;
          for (let k = 0; k <= 20; k++) {
            const t = Math.min(t1 - 1, t0 + ((t1 - t0) * k) / 20);
            const p = workerPosition(x, t, g);
            expect(onWalkway(g, p.x, p.y, 1e-6), `${x.code} ${job.kind} at ${p.x},${p.y}`).toBe(true);
            if (k === 0) {
              expect(p.x).toBeCloseTo(x.fromX, 6);
              expect(p.y).toBeCloseTo(x.fromY, 6);
            }
          }
          const last = workerPosition(x, t1, g);
          expect([last.x, last.y]).toEqual([step.x, step.y]);
        });
      }
      expect(steps).toBeGreaterThan(100);
      expect(turning).toBeGreaterThan(10);
      // A straight line would have crossed racking on these: the case that was drawn wrong.
      expect(straightThroughRacks).toBeGreaterThan(5);
    });
  }
});
