// Public entry point of the RF handheld (issue 14): the read-only questions the server asks of a
// running engine about person-driven workers and the floor kit. Changes go through the engine's
// command API (`rf.drive`, `rf.entry`); nothing here hands out the world.
import type { Engine } from './engineApi.ts';
import { worldOf } from './engineWorld.ts';
import { handheldScreen as screenOf, binLabelData, itemLabel } from './flows/handheld/handheldScreen.ts';
import { DRIVEN_ROLES } from './flows/handheld/handheldEntry.ts';
import type { HandheldScreen, KitLabel } from './flows/handheld/handheldScreen.ts';

export type { HandheldScreen, KitLabel } from './flows/handheld/handheldScreen.ts';
export type { HandheldEntry, EntryOutcome, EntryInput } from './flows/handheld/entryTypes.ts';
export { DRIVEN_ROLES } from './flows/handheld/handheldEntry.ts';
export { binLabelData, DRIVER_EXITS, itemLabelData } from './flows/handheld/handheldScreen.ts';

/** What a worker's handheld shows now; null for an unknown worker code. */
export function handheldScreen(engine: Engine, worker: string): HandheldScreen | null {
  return screenOf(worldOf(engine), worker);
}

/**
 * A worker of this run role a person could take over: on shift, not driven already and not in
 * `taken`, the lowest code first (so the choice does not depend on timing); null when none is.
 */
export function freeWorkerOfRole(engine: Engine, role: string, taken: readonly string[]): string | null {
  if (!DRIVEN_ROLES.includes(role)) return null;
  const w = worldOf(engine);
  const free = w.workers
    .filter((x) => x.role === role && x.driver !== 'person' && !taken.includes(x.code))
    .sort(
      (a, b) => Number(b.onShift) - Number(a.onShift) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
  return free[0]?.code ?? null;
}

/** The codes of the workers a person drives now. */
export function drivenWorkers(engine: Engine): string[] {
  return worldOf(engine)
    .workers.filter((x) => x.driver === 'person')
    .map((x) => x.code);
}

/** Printable bin labels of a zone (every bin when `zone` is undefined), in layout order. */
export function kitBins(engine: Engine, zone: string | undefined): KitLabel[] {
  const bins = worldOf(engine).site.layout?.bins ?? [];
  return bins
    .filter((b) => zone === undefined || b.zone === zone)
    .map((b) => ({ kind: 'bin' as const, title: b.code, data: binLabelData(b.code) }));
}

/** Printable item labels: one per item and lot physically on the floor (lot-less items once). */
export function kitItems(engine: Engine): KitLabel[] {
  const w = worldOf(engine);
  const out: KitLabel[] = [];
  for (const item of w.site.items) {
    const lots = new Set<string>();
    for (const r of w.physical.recordsOf(item.sku)) if (r.qty > 0) lots.add(r.lot);
    if (lots.size === 0) lots.add('');
    for (const lot of [...lots].sort()) out.push(itemLabel(item.sku, item.uoms[0]!.gtin, lot));
  }
  return out;
}
