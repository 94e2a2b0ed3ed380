import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import type { Job, Step } from '../../engine/job.ts';
import type { ActionOutcome } from '../../engine/flowRegistry.ts';
import { resumeAfterWait } from '../../engine/workerFlow.ts';
import { compatible } from '../../engine/slotting.ts';
import { putawayEvents as PE } from '../../machines/putawayTaskMachine.ts';
import { confirmPutaway, pickUpUnit, putawayDrop, requestOverride } from '../inbound/putaway.ts';
import { currentOccupancy, freeAt, inboundSite, taskIn, taskStep } from '../inbound/inboundSite.ts';
import { inboundState, type PutawayTask } from '../inbound/inboundState.ts';
import { directPutaway } from '../inbound/putawayRules.ts';
import { handheld, newWait, type HandheldWait } from './handheldState.ts';
import { readQuantity } from './readEntry.ts';
import { scanBin, takeFromBin } from './itemScan.ts';
import type { EntryOutcome } from './entryTypes.ts';

/** Why a driver may ask to use another bin than the directed one (the override's reason code). */
export const OVERRIDE_REASONS = ['bin-full', 'blocked', 'damaged-location'] as const;

function taskOf(w: World, wait: HandheldWait): PutawayTask {
  const t = inboundState(w).tasks[wait.ref];
  if (!t) throw new Error(`handheld: putaway task ${wait.ref} of an open wait is gone`);
  return t;
}

const code = (w: World, bin: number): string => w.site.layout!.bins[bin]!.code;

/**
 * A person-driven putaway driver at the staging lane: the chart stays in `directed` (the job
 * did not start its travel, see nextPutawayJob) until the person scans the lane, the unit and
 * its quantity. A task already travelling (taken while the worker was simulated) is picked up
 * as the simulation does.
 */
export function personPutawayPickUp(w: World, worker: Worker, _job: Job, step: Step): ActionOutcome {
  const t = inboundState(w).tasks[step.arg]!;
  if (!taskIn(t, 'directed')) return pickUpUnit(w, worker, t);
  handheld.state(w).waits[worker.code] = newWait('putaway', t.id, 0, w.now);
  return 'suspend';
}

/**
 * At the directed bin (or, after an approved override, the approved one): the chart goes to
 * `atBin` (`overriding`) and the person's bin scan is waited for.
 */
export function personPutawayDrop(w: World, worker: Worker, job: Job, step: Step): ActionOutcome {
  const t = inboundState(w).tasks[step.arg]!;
  if (taskIn(t, 'travelling')) taskStep(w, t, PE.arrived);
  if (!taskIn(t, 'atBin') && !taskIn(t, 'overriding')) return putawayDrop(w, worker, job, step);
  handheld.state(w).waits[worker.code] = newWait('putaway', t.id, 0, w.now);
  return 'suspend';
}

/** One entry of a person-driven putaway driver, at the chart state their task is in. */
export function putawayEntry(
  w: World,
  worker: Worker,
  wait: HandheldWait,
  input: 'binLabel' | 'gs1Item' | 'lot' | 'quantity',
  raw: string,
): EntryOutcome {
  const t = taskOf(w, wait);
  const item = w.site.items[t.item]!;
  if (taskIn(t, 'directed')) {
    const step = takeFromBin(
      w,
      wait,
      input,
      raw,
      { bin: code(w, t.from), item, lot: t.lot },
      (b) => `wrong location: ${b} scanned, the unit is at ${code(w, t.from)}`,
      (lot) => `wrong lot: ${lot} scanned, this unit is lot ${t.lot}`,
    );
    if (step) return step;
    const q = readQuantity(raw);
    if (!q.ok) return q;
    const base = q.qty * wait.factor;
    if (base !== t.qty)
      return { ok: false, reason: `${base} entered: the unit holds ${t.qty} ${item.baseUom}; take it whole` };
    taskStep(w, t, PE.travelStarted);
    pickUpUnit(w, worker, t);
    endWait(w, worker, wait);
    return { ok: true };
  }
  if (input !== 'binLabel') return { ok: false, reason: `expected the bin label, got ${input}` };
  const b = scanBin(w, raw);
  if (!b.ok) return b;
  const approved = taskIn(t, 'overriding');
  const want = approved ? t.overrideBin : t.bin;
  if (b.bin !== code(w, want))
    return {
      ok: false,
      reason: approved
        ? `wrong bin: ${b.bin} scanned, the supervisor approved ${code(w, want)}`
        : `wrong bin: ${b.bin} scanned, this putaway is directed to ${code(w, want)}; another bin only through an override request with a reason`,
    };
  confirmPutaway(w, worker, t, want);
  delete handheld.state(w).overrides?.[worker.code];
  endWait(w, worker, wait);
  return { ok: true, done: approved ? 'overridden' : 'putAway' };
}

/**
 * The `overrideRequest` exit at the directed bin: the person asks to use another bin (the one
 * whose label `raw` holds, or, when empty, the bin the putaway rules propose instead) for a
 * reason code. The request goes to the supervisors' desk as a simulated driver's does; the
 * worker stays suspended, with no entry to make, until a supervisor decides.
 */
export function putawayOverride(
  w: World,
  worker: Worker,
  wait: HandheldWait,
  raw: string,
  reason: string | undefined,
): EntryOutcome {
  const t = taskOf(w, wait);
  if (!taskIn(t, 'atBin')) return { ok: false, reason: 'an override is asked for at the directed bin' };
  if (reason === undefined || !(OVERRIDE_REASONS as readonly string[]).includes(reason))
    return { ok: false, reason: `an override needs a reason: ${OVERRIDE_REASONS.join(', ')}` };
  const item = w.site.items[t.item]!;
  let bin: number;
  if (raw.trim() === '') {
    const occ = currentOccupancy(w, t.id);
    const alt = directPutaway(inboundSite(w).rules, occ, { item, lot: t.lot, qty: t.qty, exclude: t.bin });
    if (!alt || alt.qty < t.qty) return { ok: false, reason: `no other bin takes ${t.qty} ${item.sku}` };
    bin = alt.bin;
  } else {
    const b = scanBin(w, raw);
    if (!b.ok) return b;
    bin = w.site.binIndex.get(b.bin) ?? -1;
    const at = w.site.layout!.bins[bin];
    if (!at || bin === t.bin) return { ok: false, reason: `${b.bin} is the directed bin: scan it` };
    if (at.type !== 'reserve' && at.type !== 'forward' && at.type !== 'floor')
      return { ok: false, reason: `${b.bin} is not a storage bin` };
    if (!compatible(item, at))
      return { ok: false, reason: `${b.bin} cannot hold ${item.sku} (temperature or hazard)` };
    const free = freeAt(w, bin, item, t.lot, t.id);
    if (free < t.qty) return { ok: false, reason: `${b.bin} has room for ${free} of the ${t.qty}` };
  }
  delete handheld.state(w).waits[worker.code];
  (handheld.state(w).overrides ??= {})[worker.code] = { task: t.id, bin: code(w, bin), reason };
  requestOverride(w, worker, t, bin, reason);
  return { ok: true };
}

function endWait(w: World, worker: Worker, wait: HandheldWait): void {
  delete handheld.state(w).waits[worker.code];
  resumeAfterWait(w, worker, w.now - wait.since);
}
