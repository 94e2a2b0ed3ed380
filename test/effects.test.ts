import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../sim/index.ts';
import { createEngine } from '../sim/engineApi.ts';
import type { World } from '../sim/engine/world.ts';
import type { TruthEvent } from '../sim/exceptions/truthEvent.ts';
import {
  applyEffect,
  applyEffects,
  attribute,
  correct,
  post,
  schedule,
  stepDoc,
  truth,
} from '../sim/engine/applyEffects.ts';
import type { Effect } from '../sim/engine/effect.ts';
import { Priority } from '../sim/engine/eventKinds.ts';
import { picking } from '../sim/flows/picking/pickingState.ts';
import { smallSite } from '../sim/flows/replenishment/testScenario.ts';

const HOUR = 3_600_000;

/** A small tracked site at time 0 with its journal and truth log captured. */
function world(): { w: World; journal: JournalEvent[]; truths: TruthEvent[] } {
  const journal: JournalEvent[] = [];
  const truths: TruthEvent[] = [];
  const e = createEngine(smallSite(), { journal: (ev) => journal.push(ev), truth: (t) => truths.push(t) });
  return { w: e.world, journal, truths };
}

/** An available stock record of the opening stock, and a bin holding nothing. */
function stockAndEmptyBin(w: World) {
  const rec = w.system.state().find((r) => r.status === 'available' && r.qty > 1)!;
  const empty = w.site.layout!.bins.find((b) => w.system.recordsIn(b.code).length === 0)!;
  return { rec, empty: empty.code };
}

function moveBody(w: World, from: string, to: string, sku: string, lot: string) {
  return {
    type: 'scan.move' as const,
    site: w.site.name,
    bin: from,
    toBin: to,
    sku,
    lot: lot || undefined,
    baseQty: 1,
    statusFrom: 'available' as const,
    statusTo: 'available' as const,
  };
}

describe('the effect interpreter', () => {
  it('post: one journal line, both ledgers move', () => {
    const { w, journal } = world();
    const { rec, empty } = stockAndEmptyBin(w);
    const n = journal.length;
    const id = post(w, moveBody(w, rec.bin, empty, rec.sku, rec.lot));
    expect(journal.length).toBe(n + 1);
    expect(journal.at(-1)!.id).toBe(id);
    expect(w.system.qty(empty, rec.sku, rec.lot, 'available')).toBe(1);
    expect(w.physical.qty(empty, rec.sku, rec.lot, 'available')).toBe(1);
  });

  it('correct: one journal line, the system ledger only', () => {
    const { w, journal } = world();
    const { rec, empty } = stockAndEmptyBin(w);
    const n = journal.length;
    correct(w, moveBody(w, rec.bin, empty, rec.sku, rec.lot));
    expect(journal.length).toBe(n + 1);
    expect(w.system.qty(empty, rec.sku, rec.lot, 'available')).toBe(1);
    expect(w.physical.qty(empty, rec.sku, rec.lot, 'available')).toBe(0);
  });

  it('step: the document steps and its journal event is posted with it', () => {
    const { w, journal } = world();
    const doc = { id: 9001, state: w.machines.order.initial };
    const n = journal.length;
    stepDoc(w, w.life.order, doc, w.E.orderBackordered, {
      type: 'order.backordered',
      site: w.site.name,
      docs: { order: 'O9001' },
    });
    expect(w.machines.order.states[doc.state]).toBe('"backordered"');
    expect(journal.length).toBe(n + 1);
    expect(journal.at(-1)!.type).toBe('order.backordered');
    // A step the journal does not record: the state moves, no line.
    stepDoc(w, w.life.order, doc, w.E.orderCancelled);
    expect(w.machines.order.states[doc.state]).toBe('"cancelled"');
    expect(journal.length).toBe(n + 1);
  });

  it('step with a divergence: the step, its posting and what the floor did instead, as one effect', () => {
    const { w, journal, truths } = world();
    const { rec, empty } = stockAndEmptyBin(w);
    const doc = { id: 9004, state: w.machines.order.initial };
    const body = moveBody(w, rec.bin, empty, rec.sku, rec.lot);
    // Booked into `empty`, physically left where it was.
    stepDoc(w, w.life.order, doc, w.E.orderBackordered, body, 0, [], {
      cause: 'misPutaway',
      bin: empty,
      sku: rec.sku,
      lot: rec.lot,
    });
    expect(w.machines.order.states[doc.state]).toBe('"backordered"');
    expect(truths.at(-1)!.cause).toBe('misPutaway');
    expect(truths.at(-1)!.ref).toBe(journal.at(-1)!.id);
    expect(w.system.qty(empty, rec.sku, rec.lot, 'available')).toBe(1);
    expect(w.physical.qty(empty, rec.sku, rec.lot, 'available')).toBe(0);
  });

  it('an illegal step throws naming document and event, and commits nothing', () => {
    const { w, journal, truths } = world();
    const { rec, empty } = stockAndEmptyBin(w);
    const doc = { id: 9002, state: w.machines.order.initial };
    const before = {
      journal: journal.length,
      seq: w.counters.journal,
      system: JSON.stringify(w.system.state()),
      physical: JSON.stringify(w.physical.state()),
      truths: truths.length,
    };
    const body = moveBody(w, rec.bin, empty, rec.sku, rec.lot);
    expect(() => stepDoc(w, w.life.order, doc, w.E.orderShipped, body)).toThrow(
      /^order 9002: order\.shipped not accepted in "created".*scan\.move not posted/,
    );
    expect(doc.state).toBe(w.machines.order.initial);
    expect(journal.length).toBe(before.journal);
    expect(w.counters.journal).toBe(before.seq);
    expect(JSON.stringify(w.system.state())).toBe(before.system);
    expect(JSON.stringify(w.physical.state())).toBe(before.physical);
    expect(truths.length).toBe(before.truths);
    expect(w.fx.applying).toBe(0);
  });

  it('truth: the system books one thing, the floor another, the gap goes to the truth log', () => {
    const { w, journal, truths } = world();
    const { rec, empty } = stockAndEmptyBin(w);
    const n = journal.length;
    // Physical only: a unit vanishes (shrink), nothing journalled.
    truth(w, null, [{ bin: rec.bin, sku: rec.sku, lot: rec.lot, status: 'available', delta: -1 }], {
      cause: 'shrink',
      bin: rec.bin,
      sku: rec.sku,
      lot: rec.lot,
    });
    expect(journal.length).toBe(n);
    expect(truths.at(-1)!.cause).toBe('shrink');
    expect(truths.at(-1)!.delta).toEqual([
      { bin: rec.bin, sku: rec.sku, lot: rec.lot, status: 'available', delta: -1 },
    ]);
    expect(w.physical.qty(rec.bin, rec.sku, rec.lot, 'available')).toBe(rec.qty - 1);
    expect(w.system.qty(rec.bin, rec.sku, rec.lot, 'available')).toBe(rec.qty);
    // Booked as a move, physically not done: the truth event cites the posting.
    const ref = truth(w, moveBody(w, rec.bin, empty, rec.sku, rec.lot), [], {
      cause: 'consequence',
      bin: rec.bin,
      sku: rec.sku,
    });
    expect(journal.at(-1)!.id).toBe(ref);
    expect(truths.at(-1)!.ref).toBe(ref);
    expect(w.physical.qty(empty, rec.sku, rec.lot, 'available')).toBe(0);
  });

  it('attribute: a truth event only, no ledger moves', () => {
    const { w, truths } = world();
    const { rec } = stockAndEmptyBin(w);
    const system = JSON.stringify(w.system.state());
    const physical = JSON.stringify(w.physical.state());
    const delta = [{ bin: rec.bin, sku: rec.sku, lot: rec.lot, status: 'available' as const, delta: 2 }];
    attribute(w, delta, { cause: 'miscount', bin: rec.bin, sku: rec.sku });
    expect(truths.at(-1)!.cause).toBe('miscount');
    expect(truths.at(-1)!.delta).toEqual(delta);
    expect(JSON.stringify(w.system.state())).toBe(system);
    expect(JSON.stringify(w.physical.state())).toBe(physical);
  });

  it('schedule: a future event on the queue', () => {
    const { w } = world();
    const size = w.queue.size;
    schedule(w, 5 * HOUR, Priority.arrival, picking.ev.backorderRetry);
    expect(w.queue.size).toBe(size + 1);
  });

  it('applies a list of effect records in order, returning what each posted', () => {
    const { w, journal } = world();
    const { rec, empty } = stockAndEmptyBin(w);
    const doc = { id: 9003, state: w.machines.order.initial };
    const size = w.queue.size;
    const effects: Effect[] = [
      { kind: 'post', body: moveBody(w, rec.bin, empty, rec.sku, rec.lot) },
      {
        kind: 'step',
        life: w.life.order,
        doc,
        event: w.E.orderBackordered,
        mask: 0,
        body: null,
        changes: null,
        truth: null,
      },
      {
        kind: 'schedule',
        at: HOUR,
        priority: Priority.release,
        event: picking.ev.backorderRetry,
        a: 0,
        b: 0,
      },
      { kind: 'correct', body: moveBody(w, empty, rec.bin, rec.sku, rec.lot) },
    ];
    const n = journal.length;
    const ids = applyEffects(w, effects);
    expect(ids[0]).toBe(journal[n]!.id);
    expect(ids[1]).toBeUndefined();
    expect(ids[3]).toBe(journal[n + 1]!.id);
    expect(journal.slice(n).map((e) => e.type)).toEqual(['scan.move', 'scan.move']);
    expect(w.machines.order.states[doc.state]).toBe('"backordered"');
    expect(w.queue.size).toBe(size + 1);
    expect(
      applyEffect(w, { kind: 'attribute', delta: [], truth: { cause: 'miscount', bin: '', sku: '' } }),
    ).toBe(undefined);
  });
});

describe('every journal line and truth event comes from the interpreter', () => {
  it('at run time: each is written while an effect is being applied', () => {
    let w: World | null = null;
    let outside = 0;
    let lines = 0;
    const seen = (): void => {
      lines++;
      if (w && w.fx.applying === 0) outside++;
    };
    const e = createEngine(smallSite(), { journal: seen, truth: seen });
    w = e.world;
    e.runUntil(12 * HOUR);
    expect(lines).toBeGreaterThan(1000);
    expect(outside).toBe(0);
  });

  // The flows (and the exception injectors) make no journal line, ledger posting, lifecycle
  // step or schedule except through the interpreter's emit helpers (sim/engine/applyEffects.ts).
  const FORBIDDEN: [RegExp, string][] = [
    [/\.commit(System)?\(/, 'a direct journal commit'],
    [/\.(diverge|physicalOnly|attribute)\(/, 'a direct truth-log write'],
    [/\bw\.queue\.push\(/, 'a direct schedule (use schedule())'],
    [/\b(makeJournalEvent|applyJournalEvent|applyPhysically)\b/, 'a journal or ledger primitive'],
    [/\b(orderStep|stepEdge)\(|\bstep\(m\b|\bREJECTED\b/, 'a lifecycle step outside the interpreter'],
    [/\bw\.(sink|truthSink|hooks)\b/, 'a direct sink or hook call'],
  ];

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = join(dir, d.name);
      if (d.isDirectory()) return sources(p);
      return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
    });
  }

  /** Lines of flow sources that touch a primitive directly, as `file:line: what`. */
  function offenders(root: string): string[] {
    const out: string[] = [];
    for (const dir of ['sim/flows', 'sim/exceptions']) {
      for (const file of sources(join(root, dir))) {
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (line.trimStart().startsWith('//') || line.trimStart().startsWith('*')) return;
            for (const [re, what] of FORBIDDEN)
              if (re.test(line)) out.push(`${relative(root, file)}:${i + 1}: ${what}`);
          });
      }
    }
    return out;
  }

  it('in the source: no flow calls a primitive directly', () => {
    expect(offenders(process.cwd())).toEqual([]);
  });

  it('the source check finds a direct commit (it can fail)', () => {
    const line = "    w.commit({ type: 'order.created', site: w.site.name });";
    expect(FORBIDDEN.some(([re]) => re.test(line))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test('  w.queue.push(at, 0, 1);'))).toBe(true);
    expect(FORBIDDEN.some(([re]) => re.test('  post(w, body);'))).toBe(false);
  });
});
