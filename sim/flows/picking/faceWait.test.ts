import { describe, expect, it } from 'vitest';
import { createEngine } from '../../engineApi.ts';
import { smallSite } from '../replenishment/testScenario.ts';
import { FACE_WAIT_EXPIRED } from './pickAtFace.ts';
import { chartDelay } from '../../machines/chartDelay.ts';
import { pickTaskMachine } from '../../machines/pickTaskMachine.ts';
import { flowTables } from '../../engine/flowRegistry.ts';
import { picking } from './pickingState.ts';

const HOUR = 3_600_000;
const MAX = chartDelay(pickTaskMachine, 'maxFaceWait');

/**
 * Heavy demand, nobody to replenish or put away, and stock vanishing off the books at the faces:
 * pickers find less than the system allocated, and a face found empty stays empty.
 */
function stressedFaces(): ReturnType<typeof createEngine> {
  return createEngine(
    smallSite({
      demand: {
        arrivals: { kind: 'poisson', ratePerHour: 240 },
        linesPerOrder: { kind: 'constant', value: 2 },
        unitsPerLine: { kind: 'empirical', values: [4, 6], weights: [1, 1] },
        promiseHours: 8,
        stopAfterHours: 10,
      },
      workers: [{ role: 'picker', count: 6, speed: 1.2, prefix: 'pick' }],
      exceptions: { untilHours: 12, rates: { shrinkPerHour: 20 } },
    }),
    { seed: 3 },
  );
}

describe('a picker waiting at an empty face', () => {
  it('leaves the wait at the chart’s maxFaceWait through the chart’s own after transition', () => {
    const e = stressedFaces();
    const w = e.world;
    const m = w.machines.pickTask;
    const waiting = m.state('"waitingStock"');
    const exits: { event: string; waited: number }[] = [];
    const since = new Map<number, number>();
    w.fx.stepWatch = (s, from) => {
      if (s.life !== w.life.pickTask) return;
      if (from === waiting) exits.push({ event: m.events[s.event]!, waited: w.now - since.get(s.doc.id)! });
      if (s.doc.state === waiting) since.set(s.doc.id, w.now);
    };
    e.runUntil(12 * HOUR);
    const timedOut = exits.filter((x) => x.event === FACE_WAIT_EXPIRED);
    expect(timedOut.length).toBeGreaterThan(0);
    // Only a wait that ran its full length ends through the chart's timeout; a shorter one ends
    // with stock (or with the picker's own short when what came was not enough).
    for (const x of exits) {
      if (x.event === FACE_WAIT_EXPIRED) expect(x.waited).toBeGreaterThanOrEqual(MAX);
      else expect(x.waited).toBeLessThan(MAX);
    }
  });

  it('ignores the timer of an earlier wait in the same tour when a later wait is under way', () => {
    const e = stressedFaces();
    const w = e.world;
    // Run until a picker is waiting at a face.
    const waiter = (): (typeof w.workers)[number] | undefined =>
      w.workers.find((x) => x.suspended && (x.job?.waitStarted ?? -1) >= 0);
    let t = 0;
    while (!waiter() && t < 12 * HOUR) e.runUntil((t += 60_000));
    const worker = waiter()!;
    expect(worker).toBeDefined();
    const job = worker.job!;
    // This wait began a minute ago; a timer set by an earlier wait of the same tour is due now.
    job.waitStarted = w.now - 60_000;
    flowTables().events[picking.ev.workerWaitTimeout]!(w, worker.index, job.id);
    expect(worker.suspended).toBe(true);
    expect(worker.job).toBe(job);
    // The timer of this very wait still ends it.
    job.waitStarted = w.now - MAX;
    flowTables().events[picking.ev.workerWaitTimeout]!(w, worker.index, job.id);
    expect(worker.suspended).toBe(false);
  });
});
