import type { World } from '../../engine/world.ts';
import type { Worker } from '../../engine/entities.ts';
import { truth } from '../../engine/applyEffects.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import { returnsState, type Rma } from './returnsState.ts';

/**
 * The field guide's "returned goods mixed with saleable stock before inspection": the receiver
 * books the return into quarantine as the RMA says (the system's receipt, `body`), but carries
 * the goods straight to the item's pick face and puts them with the saleable stock, which the
 * system never hears of. The truth log records where the units really are; the later
 * inspection and disposition then book goods that are not there, which the interpreter logs as
 * consequences, so the truth log keeps explaining the whole gap.
 */
export function restockUninspected(
  w: World,
  worker: Worker,
  r: Rma,
  body: JournalEventBody,
  face: number,
): void {
  const item = w.site.items[r.item]!;
  const faceCode = w.site.layout!.bins[face]!.code;
  truth(w, body, [{ bin: faceCode, sku: item.sku, lot: r.lot, status: 'available', delta: r.received }], {
    cause: 'returnRestockedUninspected',
    worker,
    bin: faceCode,
    sku: item.sku,
    lot: r.lot,
    note: `${r.received} returned units put on the face uninspected`,
  });
  returnsState(w).kpi.uninspectedRestocks++;
}
