import type { World } from '../engine/world.ts';
import type { PickTask } from '../engine/entities.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';
import { docCode } from '../journal/docCode.ts';
import { StepAction } from '../engine/stepActions.ts';

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
  // Who works each task: by job kind and document, since refs of different kinds share numbers.
  const busy = new Map<string, string>();
  for (const x of w.workers) {
    const job = x.job;
    if (!job) continue;
    busy.set(`${job.kind}:${job.ref}`, x.code);
    if (job.kind === 'pick')
      for (const st of job.steps) if (st.action === StepAction.pickAtFace) busy.set(`pick:${st.arg}`, x.code);
  }
  const workerOf = (kind: string, id: number | string): string | null => busy.get(`${kind}:${id}`) ?? null;
  // A scan in table order, then the few matches by id (= creation order): cheap per bin.
  const here: PickTask[] = [];
  w.tasks.forEachUnordered((t) => {
    if (t.bin === bin) here.push(t);
  });
  here.sort((a, b) => a.id - b.id);
  for (const t of here) {
    tasks.push({
      id: docCode('pickTask', t.id),
      kind: 'pick',
      state: w.machines.pickTask.states[t.state] ?? '?',
      worker: workerOf('pick', t.id),
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
        id: docCode('count', id),
        kind: 'count',
        state: 'open',
        worker: workerOf('count', id),
      });
  }
  for (const [id, d] of Object.entries(flow['replenishment']?.open ?? {})) {
    if (d.face === bin || d.source === bin)
      tasks.push({
        id: docCode('replenishment', id),
        kind: 'replenish',
        state: 'open',
        worker: workerOf('replenish', id),
      });
  }
  for (const [id, d] of Object.entries(flow['inbound']?.tasks ?? {})) {
    if (d.bin === bin)
      tasks.push({
        id: docCode('putaway', id),
        kind: 'putaway',
        state: 'open',
        worker: workerOf('putaway', id),
      });
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
