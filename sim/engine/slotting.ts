import type { Item } from '../items/types.ts';
import type { Bin, Layout, Point } from '../layout/types.ts';
import type { Rng } from '../random/randomStreams.ts';
import type { RoutingGeometry } from '../routing/routingGeometry.ts';
import { pointDistance } from '../routing/distance.ts';

/** How items are given pick faces. */
export type SlottingPolicy = 'velocity' | 'random';

/** Share of a bin's volume usable for goods (air, pallet overhang and handling room excluded). */
const FILL = 0.85;

/** May this item be stored in this bin? Temperature must match; hazmat only with its own class. */
export function compatible(item: Item, bin: Bin): boolean {
  return item.temperature === bin.temperature && (item.hazard ?? null) === (bin.hazard ?? null);
}

/** Base units of an item that fit in a bin by volume and weight. */
export function unitsThatFit(item: Item, bin: Bin): number {
  const ea = item.uoms[0]!;
  const volCm3 = Math.max(1, ea.lengthCm * ea.widthCm * ea.heightCm);
  const byVolume = Math.floor((bin.capacity.volumeL * 1000 * FILL) / volCm3);
  const byWeight = ea.weightKg > 0 ? Math.floor(bin.capacity.weightKg / ea.weightKg) : byVolume;
  return Math.max(0, Math.min(byVolume, byWeight));
}

/**
 * Assigns each item at most one forward pick face. Velocity slotting puts the items with the
 * most order lines in the faces closest to the depot (shortest tours); random slotting is the
 * baseline it is compared against. Items left without a face are picked from reserve.
 * Returns the bin index per item, -1 for none.
 */
export function slotItems(
  layout: Layout,
  items: readonly Item[],
  g: RoutingGeometry,
  depot: Point,
  policy: SlottingPolicy,
  rng: Rng,
): Int32Array {
  const faces = layout.bins.filter((b) => b.type === 'forward');
  if (policy === 'velocity') {
    const d = new Map(
      faces.map((b) => [b.index, pointDistance(g, depot.x, depot.y, b.x, b.y) + b.level * 0.5]),
    );
    faces.sort((a, b) => d.get(a.index)! - d.get(b.index)! || a.index - b.index);
  } else {
    for (let i = faces.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [faces[i], faces[j]] = [faces[j]!, faces[i]!];
    }
  }
  const order = [...items].sort((a, b) => b.demandWeight - a.demandWeight || a.index - b.index);
  const used = new Uint8Array(layout.bins.length);
  const slot = new Int32Array(items.length).fill(-1);
  for (const item of order) {
    for (const b of faces) {
      if (used[b.index] || !compatible(item, b) || unitsThatFit(item, b) < 1) continue;
      used[b.index] = 1;
      slot[item.index] = b.index;
      break;
    }
  }
  return slot;
}
