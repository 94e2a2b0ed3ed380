import type { World } from '../../engine/world.ts';
import { faceLevels, faceOnHand, reserveHasStock } from './faceStock.ts';
import { replenishmentState } from './replenishmentState.ts';

const round = (x: number, digits = 3): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Quantile by the nearest-rank rule (same convention as the wait p90). */
function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The replenishment section of kpis.json (times in minutes). */
export type ReplenishmentKpis = {
  triggered: Record<'min-max' | 'wave' | 'emergency', number>;
  completed: number;
  open: number;
  waitingForDriver: number;
  cancelled: number;
  closedShort: number;
  shortAtReserve: number;
  redirected: number;
  unitsMoved: number;
  /** Trigger → confirmed at the face, over the newest completed tasks (RESPONSE_WINDOW; n of `completed`). */
  responseMinutes: { n: number; mean: number; median: number; p90: number } | null;
  faces: number;
  /** Faces whose on-hand is at or below min right now. */
  facesAtOrBelowMin: number;
  /** Faces empty right now while reserve holds available stock of the item. */
  stockOutFaces: number;
};

/** Computes the replenishment section of kpis.json. */
export function replenishmentKpis(w: World): ReplenishmentKpis {
  const s = replenishmentState(w);
  const sorted = Float64Array.from(s.responseMs).sort();
  const minutes = (ms: number): number => round(ms / 60_000);
  let belowMin = 0;
  let stockOut = 0;
  let faces = 0;
  for (let item = 0; item < w.site.items.length; item++) {
    if (w.site.forwardBinOf[item]! < 0) continue;
    faces++;
    const onHand = faceOnHand(w, item);
    if (onHand <= faceLevels(w, item).min) belowMin++;
    if (onHand === 0 && reserveHasStock(w, item)) stockOut++;
  }
  const open = Object.keys(s.open).length;
  return {
    triggered: { ...s.triggered },
    completed: s.completed,
    open,
    waitingForDriver: s.queue.length,
    cancelled: s.cancelled,
    closedShort: s.closedShort,
    shortAtReserve: s.shortAtReserve,
    redirected: s.redirected,
    unitsMoved: s.unitsMoved,
    responseMinutes:
      sorted.length > 0
        ? {
            n: sorted.length,
            mean: minutes(sorted.reduce((a, b) => a + b, 0) / sorted.length),
            median: minutes(quantile(sorted, 0.5)),
            p90: minutes(quantile(sorted, 0.9)),
          }
        : null,
    faces,
    facesAtOrBelowMin: belowMin,
    stockOutFaces: stockOut,
  };
}
