import type { World } from '../engine/world.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';

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
  tasks: { id: string; kind: string; state: string; worker: string | null }[];
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
  const busy = new Map<number, string>();
  for (const x of w.workers) if (x.job) busy.set(x.job.ref, x.code);
  for (const t of w.tasks.values()) {
    if (t.bin !== bin) continue;
    tasks.push({
      id: `PT${String(t.id).padStart(8, '0')}`,
      kind: 'pick',
      state: w.machines.pickTask.states[t.state] ?? '?',
      worker: null,
    });
  }
  const flow = w.flow as Record<
    string,
    | {
        open?: Record<string, { bin?: number; face?: number; source?: number }>;
        tasks?: Record<string, { bin?: number }>;
      }
    | undefined
  >;
  for (const [id, d] of Object.entries(flow['counting']?.open ?? {})) {
    if (d.bin === bin)
      tasks.push({
        id: `CC${id.padStart(7, '0')}`,
        kind: 'count',
        state: 'open',
        worker: busy.get(Number(id)) ?? null,
      });
  }
  for (const [id, d] of Object.entries(flow['replenishment']?.open ?? {})) {
    if (d.face === bin || d.source === bin)
      tasks.push({ id: `RP${id.padStart(7, '0')}`, kind: 'replenish', state: 'open', worker: null });
  }
  for (const [id, d] of Object.entries(flow['inbound']?.tasks ?? {})) {
    if (d.bin === bin)
      tasks.push({ id: `PA${id.padStart(7, '0')}`, kind: 'putaway', state: 'open', worker: null });
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
