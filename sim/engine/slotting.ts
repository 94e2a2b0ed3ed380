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
 * baseline it is compared against. `pinned` faces (SKU → bin code, a re-slot proposal) are
 * given first and taken out of the policy's faces. Items left without a face are picked from
 * reserve. Returns the bin index per item, -1 for none; throws naming a pin that cannot hold.
 */
export function slotItems(
  layout: Layout,
  items: readonly Item[],
  g: RoutingGeometry,
  depot: Point,
  policy: SlottingPolicy,
  rng: Rng,
  pinned: Readonly<Record<string, string>> = {},
): Int32Array {
  const faces = layout.bins.filter((b) => b.type === 'forward');
  const used = new Uint8Array(layout.bins.length);
  const slot = new Int32Array(items.length).fill(-1);
  pinFaces(layout, items, pinned, used, slot);
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
  for (const item of order) {
    if (slot[item.index]! >= 0) continue;
    for (const b of faces) {
      if (used[b.index] || !compatible(item, b) || unitsThatFit(item, b) < 1) continue;
      used[b.index] = 1;
      slot[item.index] = b.index;
      break;
    }
  }
  return slot;
}

/** Places the pinned faces (in SKU order) into `used` and `slot`; throws on a pin that cannot hold. */
function pinFaces(
  layout: Layout,
  items: readonly Item[],
  pinned: Readonly<Record<string, string>>,
  used: Uint8Array,
  slot: Int32Array,
): void {
  const keys = Object.keys(pinned);
  if (keys.length === 0) return;
  const bySku = new Map(items.map((i) => [i.sku, i]));
  const byCode = new Map(layout.bins.map((b) => [b.code, b]));
  for (const sku of keys.sort()) {
    const at = `stock.faces.${sku}`;
    const item = bySku.get(sku);
    const bin = byCode.get(pinned[sku]!);
    if (!item) throw new Error(`${at}: no item with SKU "${sku}"`);
    if (!bin) throw new Error(`${at}: no bin "${pinned[sku]!}"`);
    if (bin.type !== 'forward') throw new Error(`${at}: ${bin.code} is a ${bin.type} bin, not a pick face`);
    if (!compatible(item, bin) || unitsThatFit(item, bin) < 1)
      throw new Error(`${at}: ${bin.code} cannot hold ${sku} (temperature, hazard or size)`);
    if (used[bin.index]) throw new Error(`${at}: ${bin.code} is pinned to another SKU too`);
    used[bin.index] = 1;
    slot[item.index] = bin.index;
  }
}
