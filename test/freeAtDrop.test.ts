import { describe, expect, it } from 'vitest';
import { createEngine } from '../sim/engineApi.ts';
import { loadScenario } from '../server/scenarioLoader.ts';
import { inboundState } from '../sim/flows/inbound/inboundState.ts';
import { currentOccupancy, freeAt } from '../sim/flows/inbound/inboundSite.ts';

describe('freeAt', () => {
  it('gives what the whole occupancy view gives for one bin, with and without a task left out', () => {
    const e = createEngine(loadScenario('demo-dc').scenario);
    const w = e.world;
    let compared = 0;
    let directed = 0;
    for (let h = 4; h <= 40; h += 4) {
      e.runUntil(h * 3_600_000);
      const tasks = Object.values(inboundState(w).tasks);
      for (const t of [{ id: -1 }, ...tasks.slice(0, 5)]) {
        const occ = currentOccupancy(w, t.id);
        for (const task of tasks) {
          const bin = task.overrideBin >= 0 ? task.overrideBin : task.bin;
          if (bin < 0) continue;
          directed++;
          for (const item of [w.site.items[task.item]!, w.site.items[0]!]) {
            expect(freeAt(w, bin, item, task.lot, t.id)).toBe(occ.freeFor(bin, item, task.lot));
            compared++;
          }
        }
      }
    }
    expect(directed).toBeGreaterThan(10);
    expect(compared).toBeGreaterThan(20);
  });
});
