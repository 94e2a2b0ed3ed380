import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import type { ActionOutcome } from '../../engine/flowRegistry.ts';
import { resumeAfterWait } from '../../engine/workerFlow.ts';
import { countingState, type CountDoc } from '../counting/countingState.ts';
import { countTable } from '../counting/countDecision.ts';
import { beginCount, bookCount } from '../counting/countingFlow.ts';
import { stockKey, totalsAt } from '../counting/binStock.ts';
import { handheld, newWait, type HandheldWait } from './handheldState.ts';
import { readQuantity } from './readEntry.ts';
import { scanBin, scanItem } from './itemScan.ts';
import type { EntryOutcome } from './entryTypes.ts';

function docOf(w: World, wait: HandheldWait): CountDoc {
  const d = countingState(w).open[wait.ref];
  if (!d) throw new Error(`handheld: count ${wait.ref} of an open wait is gone`);
  return d;
}

/** Is the count in this cycle-count-chart state? */
export function countIn(doc: CountDoc, ...states: string[]): boolean {
  return states.some((s) => doc.state === countTable().state(JSON.stringify(s)));
}

/** A person-driven counter reached the bin (the walk was simulated): the bin scan starts the count. */
export function personCountAtBin(w: World, worker: Worker, _job: Job, step: Step): ActionOutcome {
  const doc = countingState(w).open[step.arg]!;
  handheld.state(w).waits[worker.code] = newWait('count', doc.id, 0, w.now);
  return 'suspend';
}

/**
 * One entry of a person-driven counter: the bin label starts the (re)count; then each item
 * scanned is followed by the quantity counted, added up per SKU and lot. Blind: nothing the
 * handheld shows or answers carries the system quantity.
 */
export function countEntry(
  w: World,
  wait: HandheldWait,
  input: 'binLabel' | 'gs1Item' | 'lot' | 'quantity',
  raw: string,
): EntryOutcome {
  const doc = docOf(w, wait);
  const bin = w.site.layout!.bins[doc.bin]!.code;
  if (countIn(doc, 'assigned', 'recountAssigned')) {
    const b = scanBin(w, raw);
    if (!b.ok) return b;
    if (b.bin !== bin) return { ok: false, reason: `wrong bin: ${b.bin} scanned, this count is of ${bin}` };
    beginCount(w, doc);
    wait.taken = 0;
    wait.counts = {};
    return { ok: true };
  }
  if (input === 'gs1Item' || input === 'lot') {
    const r = scanItem(w, wait, input, raw, null);
    if (!r.ok) return r;
    if (r.needLot) return { ok: true };
    wait.sku = r.sku;
    wait.lot = r.lot;
    wait.taken = 1;
    return { ok: true };
  }
  if (input !== 'quantity') return { ok: false, reason: `expected the item or its quantity, got ${input}` };
  const q = readQuantity(raw);
  if (!q.ok) return q;
  const k = stockKey(wait.sku, wait.lot);
  const counts = (wait.counts ??= {});
  counts[k] = (counts[k] ?? 0) + q.qty * wait.factor;
  wait.taken = 0;
  return { ok: true };
}

/**
 * The count is complete (a `confirm` entry while counting, between items): it is submitted
 * through the count flow's own rules, as a simulated counter's is (void when the bin moved,
 * tolerance, recount by another counter, review). Where the person's count differs from the
 * floor it is recorded as the counter's miscount, so a posted one is in the truth log.
 */
export function countSubmit(w: World, worker: Worker, wait: HandheldWait): EntryOutcome {
  const doc = docOf(w, wait);
  if (wait.taken !== 0 || wait.needLot)
    return { ok: false, reason: 'enter the quantity of the item scanned before completing the count' };
  const binCode = w.site.layout!.bins[doc.bin]!.code;
  const counts = wait.counts ?? {};
  const counted = new Map(
    Object.keys(counts)
      .sort()
      .map((k) => [k, counts[k]!] as const),
  );
  const floor = totalsAt(w.physical, binCode);
  const errors = new Map<string, number>();
  for (const k of new Set([...counted.keys(), ...floor.keys()])) {
    const d = (counted.get(k) ?? 0) - (floor.get(k) ?? 0);
    if (d !== 0) errors.set(k, d);
  }
  delete handheld.state(w).waits[worker.code];
  bookCount(w, doc, worker, counted, errors);
  resumeAfterWait(w, worker, w.now - wait.since);
  return { ok: true, done: 'counted' };
}
