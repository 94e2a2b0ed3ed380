import { Priority } from '../engine/eventKinds.ts';
import type { World } from '../engine/world.ts';
import type { Worker } from '../engine/entities.ts';
import type { StockRecord } from '../inventory/ledger.ts';
import { compatible } from '../engine/slotting.ts';
import { RecordDraw } from '../inventory/recordDraw.ts';
import { exceptions } from './exceptionRate.ts';
import { schedule as scheduleEvent, truth } from '../engine/applyEffects.ts';

const HOUR = 3_600_000;
const UNSCANNED_MOVE = 0;
const SHRINK = 1;

/**
 * Exceptions that happen on their own rather than inside a transaction: stock moved between
 * bins without a scan, and shrink. Each is a Poisson process at the scenario's hourly rate; each
 * changes only the physical ledger and is written to the truth log with its bin, item and (for
 * moves) the worker on shift who most plausibly did it.
 */
export const exceptionFlow = exceptions.flow({
  start(w) {
    schedule(w, UNSCANNED_MOVE);
    schedule(w, SHRINK);
  },
  events: {
    exceptionTimer: (w, _a, kind) => {
      if (kind === UNSCANNED_MOVE) unscannedMove(w);
      else shrink(w);
      schedule(w, kind);
    },
  },
});

function schedule(w: World, kind: number): void {
  const rates = w.scenario.exceptions?.rates;
  const perHour = kind === UNSCANNED_MOVE ? (rates?.unscannedMovePerHour ?? 0) : (rates?.shrinkPerHour ?? 0);
  if (!w.tracked || perHour <= 0) return;
  const rng = w.random.stream(`exceptions/${kind}`);
  const dt = Math.max(1, Math.round((-Math.log(1 - rng()) * HOUR) / perHour));
  const spec = w.scenario.exceptions!;
  const at = Math.max(w.now + dt, spec.fromHours * HOUR);
  if (spec.untilHours !== undefined && at >= spec.untilHours * HOUR) return;
  scheduleEvent(w, at, Priority.arrival, exceptions.ev.exceptionTimer, 0, kind);
}

/** Available physical records in storage bins (and in forward bins only), in ledger order, per world. */
const draws = new WeakMap<World, { any: RecordDraw; forward: RecordDraw }>();

/**
 * A uniformly drawn available physical record in a storage bin, or null: the same record as
 * collecting them in ledger order and taking a uniform index, from an index that follows the
 * ledger (derived state, rebuilt on first use after a restore).
 */
function randomStorageRecord(w: World, rng: () => number, forwardOnly: boolean): StockRecord | null {
  let d = draws.get(w);
  if (!d) {
    const forward = (bin: string): boolean =>
      w.site.layout!.bins[w.site.binIndex.get(bin)!]!.type === 'forward';
    d = {
      any: new RecordDraw(w.physical, (bin, status) => status === 'available' && w.site.pickable(bin)),
      forward: new RecordDraw(
        w.physical,
        (bin, status) => status === 'available' && w.site.pickable(bin) && forward(bin),
      ),
    };
    draws.set(w, d);
  }
  const draw = forwardOnly ? d.forward : d.any;
  if (draw.size === 0) return null;
  return draw.at(Math.floor(rng() * draw.size));
}

function onShiftWorker(w: World, rng: () => number, roles: string[]): Worker | null {
  const on = w.workers.filter((x) => x.onShift && roles.includes(x.role));
  return on.length > 0 ? on[Math.floor(rng() * on.length)]! : null;
}

/**
 * Moves stock between bins without a scan; `bin` picks the source bin (a trainer's injection).
 * A scheduled move makes one attempt (a full neighbourhood means no move this time); a trainer's
 * injection passes `attempts` so a crowded first pick does not refuse it: it tries up to that
 * many random records (or, with `bin`, each record in that bin).
 */
export function unscannedMove(w: World, bin?: string, attempts = 1): boolean {
  const rng = w.random.stream('exceptions/move');
  if (bin !== undefined) {
    const records = w.physical.recordsIn(bin).filter((x) => x.status === 'available');
    for (const r of records.slice(0, Math.max(1, attempts))) if (moveRecord(w, rng, r)) return true;
    return false;
  }
  for (let i = 0; i < attempts; i++) {
    const r = randomStorageRecord(w, rng, false);
    if (!r) return false;
    if (moveRecord(w, rng, r)) return true;
  }
  return false;
}

/** One unscanned move of (part of) record `r` to a compatible bin nearby with room; false if none drawn fits. */
function moveRecord(w: World, rng: () => number, r: StockRecord): boolean {
  const layout = w.site.layout!;
  const from = layout.bins[w.site.binIndex.get(r.bin)!]!;
  const item = w.site.items.find((i) => i.sku === r.sku)!;
  // Moved a few bays along the same aisle, into a compatible bin of the same kind: the usual
  // "found a home for it" move that never gets scanned.
  const near = layout.bins.filter(
    (b) =>
      b.aisle === from.aisle &&
      b.index !== from.index &&
      b.type === from.type &&
      compatible(item, b) &&
      Math.abs(b.bay - from.bay) <= 4,
  );
  if (near.length === 0) return false;
  const to = near[Math.floor(rng() * near.length)]!;
  const qty = rng() < 0.5 ? r.qty : Math.max(1, Math.floor(r.qty * rng()));
  // Even an unrecorded move cannot put more in a bin than it physically holds.
  const ea = item.uoms[0]!;
  const unitL = (ea.lengthCm * ea.widthCm * ea.heightCm) / 1000;
  let usedL = 0;
  let usedKg = 0;
  for (const x of w.physical.recordsIn(to.code)) {
    const u = w.site.items.find((i) => i.sku === x.sku)!.uoms[0]!;
    usedL += (x.qty * u.lengthCm * u.widthCm * u.heightCm) / 1000;
    usedKg += x.qty * u.weightKg;
  }
  if (usedL + qty * unitL > to.capacity.volumeL || usedKg + qty * ea.weightKg > to.capacity.weightKg)
    return false;
  const lot = r.lot;
  const sku = r.sku;
  truth(
    w,
    null,
    [
      { bin: from.code, sku, lot, status: 'available', delta: -qty },
      { bin: to.code, sku, lot, status: 'available', delta: qty },
    ],
    {
      cause: 'unscannedMove',
      worker: onShiftWorker(w, rng, ['putaway', 'replenisher', 'picker']),
      bin: from.code,
      sku,
      lot,
      note: `${qty} moved to ${to.code} without a scan`,
    },
  );
  return true;
}

/** Units vanish from a pick face; `bin` picks the bin (a trainer's injection). */
export function shrink(w: World, bin?: string): boolean {
  const rng = w.random.stream('exceptions/shrink');
  const r = bin
    ? (w.physical.recordsIn(bin).find((x) => x.status === 'available') ?? null)
    : randomStorageRecord(w, rng, true);
  if (!r) return false;
  const qty = Math.min(r.qty, 1 + Math.floor(rng() * 3));
  const { sku, lot } = r;
  const at = r.bin;
  truth(w, null, [{ bin: at, sku, lot, status: 'available', delta: -qty }], {
    cause: 'shrink',
    bin: at,
    sku,
    lot,
    note: `${qty} units gone`,
  });
  return true;
}
