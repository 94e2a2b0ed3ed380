import demoJson from '../../scenarios/demo-dc.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JournalEvent } from '../index.ts';
import { createEngine } from '../engineApi.ts';
import { binDetail } from './binDetail.ts';
import { docCode } from '../journal/docCode.ts';

describe('bin inspector task ids', () => {
  it('every open task the inspector shows carries the id the journal gave it, with its worker', () => {
    const journal: JournalEvent[] = [];
    const e = createEngine(scenarioSchema.parse(demoJson), { seed: 5, journal: (x) => journal.push(x) });
    const docs = new Set<string>();
    const kinds = new Map<string, number>();
    let withWorker = 0;
    // Sample the inspector every half hour of the first three mornings: which kinds are open at
    // one instant depends on the seed, the trucks and the workers' pace; over them all four occur.
    const mornings = [0, 1, 2].flatMap((d) =>
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((h) => (d * 24 + 8 + h / 2) * 3_600_000),
    );
    for (const t of mornings) {
      e.runUntil(t);
      for (const ev of journal) for (const v of Object.values(ev.docs ?? {})) docs.add(String(v));
      inspectAll();
    }
    function inspectAll(): void {
      for (const b of e.world.site.layout!.bins) {
        for (const t of binDetail(e.world, b.code, [])!.tasks) {
          expect(docs.has(t.id), `${t.kind} ${t.id} in ${b.code} is in the journal`).toBe(true);
          kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
          if (t.worker === null) continue;
          withWorker++;
          // The worker named is on a job for that very task.
          const job = e.world.workers.find((x) => x.code === t.worker)!.job!;
          expect(job.kind.startsWith(t.kind === 'replenish' ? 'replen' : t.kind), t.id).toBe(true);
        }
      }
    }
    // Every kind of open task the inspector lists occurs over a morning on demo-dc.
    expect([...kinds.keys()].sort()).toEqual(['count', 'pick', 'putaway', 'replenish']);
    expect(withWorker).toBeGreaterThan(0);
  });
});

describe('bin inspector pick rows', () => {
  it('name a picker only for the tasks on their tour, never by a tour number equal to a task id', () => {
    const e = createEngine(scenarioSchema.parse(demoJson), { seed: 5 });
    const w = e.world;
    e.runUntil(9 * 3_600_000);
    const onTour = new Set<number>();
    for (const x of w.workers) if (x.job?.kind === 'pick') for (const st of x.job.steps) onTour.add(st.arg);
    const waiting = w.tasks.values().find((t) => !onTour.has(t.id));
    const picker = w.workers.find((x) => x.job?.kind === 'pick');
    expect(waiting && picker).toBeTruthy();
    // A tour whose number happens to equal a waiting task's id (both are plain counters).
    picker!.job!.ref = waiting!.id;
    const code = w.site.layout!.bins[waiting!.bin]!.code;
    const row = binDetail(w, code, [])!.tasks.find((r) => r.id === docCode('pickTask', waiting!.id));
    expect(row).toBeDefined();
    expect(row!.worker).toBeNull();
  });
});
