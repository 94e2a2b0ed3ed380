import { describe, expect, it } from 'vitest';
import { createNetwork } from '../sim/networkApi.ts';
import { diffViews, type RunStatus, type ViewState } from '../sim/viewApi.ts';
import { loadNetwork } from '../server/networkLoader.ts';

const HOUR = 3_600_000;
const run: RunStatus = {
  runId: 'r',
  scenario: 'demo-network',
  seed: '1',
  speed: 60,
  paused: false,
  until: null,
};

/** physical − system of a bin in a view (the size of its variance). */
function gap(v: ViewState, code: string): number {
  const i = v.bins.code.indexOf(code);
  return v.bins.physicalQty[i]! - v.bins.systemQty[i]!;
}

describe('open alerts in view deltas', () => {
  it('a variance that stays open is re-sent only when the variance itself changes, not on every stock move of its bin', () => {
    const { network } = loadNetwork('demo-network');
    const net = createNetwork(network);
    const prev = new Map(net.sites.map((s) => [s.name, s.engine.project(run, 0)]));
    // Frames where a variance stayed open while its bin's stock moved: the case under test.
    let moved = 0;
    const needless: string[] = [];
    for (let t = 20_000; t <= 7 * HOUR; t += 20_000) {
      net.runUntil(t);
      for (const s of net.sites) {
        const p = prev.get(s.name)!;
        const next = s.engine.project(run, p.seq + 1, { previous: p });
        const d = diffViews(p, next);
        if (!d) continue;
        for (const a of next.alerts)
          if (a.kind === 'variance' && p.alerts.some((x) => x.id === a.id)) {
            const i = next.bins.code.indexOf(a.bin!);
            if (next.bins.systemQty[i] !== p.bins.systemQty[p.bins.code.indexOf(a.bin!)]) moved++;
          }
        for (const a of d.alerts?.upsert ?? []) {
          if (a.kind !== 'variance' || !p.alerts.some((x) => x.id === a.id)) continue;
          if (gap(p, a.bin!) === gap(next, a.bin!)) needless.push(`${s.name} ${a.id} at ${t} ms`);
        }
        prev.set(s.name, next);
      }
    }
    expect(moved).toBeGreaterThan(0);
    expect(needless).toEqual([]);
  });
});
