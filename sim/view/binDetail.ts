import type { World } from '../engine/world.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';
import { flowTables } from '../engine/flowRegistry.ts';
import type { BinTaskRow } from '../engine/defineFlow.ts';

/** One stock record of a ledger in the inspector. */
export interface BinStockLine {
  sku: string;
  lot: string | null;
  status: string;
  qty: number;
}

/** Everything the inspector shows about one bin: both ledgers, recent journal events, open tasks. */
export interface BinDetailView {
  code: string;
  system: BinStockLine[];
  physical: BinStockLine[];
  journal: Pick<JournalEvent, 'seq' | 't' | 'type' | 'sku' | 'lot' | 'qty' | 'uom' | 'actor'>[];
  /** Open tasks at the bin, as each flow module lists them (see FlowView.binTasks). */
  tasks: BinTaskRow[];
}

/**
 * The detail of a bin, read from the world. The physical ledger is the simulator's truth; a
 * mirrored site has only the system side, which is what its physical column then repeats.
 * `recent` is the caller's short history of journal events that touched the bin.
 */
export function binDetail(w: World, code: string, recent: readonly JournalEvent[]): BinDetailView | null {
  const bin = w.site.binIndex.get(code);
  if (bin === undefined) return null;
  const lines = (
    records: Iterable<{ sku: string; lot: string; status: string; qty: number }>,
  ): BinStockLine[] =>
    [...records]
      .map((r) => ({ sku: r.sku, lot: r.lot || null, status: r.status, qty: r.qty }))
      .sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : (a.lot ?? '') < (b.lot ?? '') ? -1 : 1));
  const tasks: BinDetailView['tasks'] = [];
  // Who works each task: by job kind and document, since refs of different kinds share numbers.
  const busy = new Map<string, string>();
  for (const x of w.workers) if (x.job) busy.set(`${x.job.kind}:${x.job.ref}`, x.code);
  const workerOf = (kind: string, id: number | string): string | null => busy.get(`${kind}:${id}`) ?? null;
  // Each flow lists its own open tasks (flow modules' view contributions), in registration order.
  for (const f of flowTables().flows) {
    const rows = f.view?.binTasks?.(w, bin, workerOf);
    if (rows) for (const r of rows) tasks.push(r);
  }
  return {
    code,
    system: lines(w.system.recordsIn(code)),
    physical: lines(w.physical.recordsIn(code)),
    journal: recent.map((e) => ({
      seq: e.seq,
      t: e.t,
      type: e.type,
      sku: e.sku,
      lot: e.lot,
      qty: e.qty,
      uom: e.uom,
      actor: e.actor,
    })),
    tasks,
  };
}
