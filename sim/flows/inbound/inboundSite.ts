import type { World } from '../../engine/world.ts';
import type { SiteModel } from '../../engine/siteModel.ts';
import type { Dock } from '../../layout/types.ts';
import type { Item } from '../../items/types.ts';
import { compileMachine, type CompiledMachine } from '../../machines/compileMachine.ts';
import { stepDoc } from '../../engine/applyEffects.ts';
import type { Lifecycle } from '../../engine/effect.ts';
import type { JournalEventBody } from '../../journal/journalEvent.ts';
import type { PhysicalChange, TruthBody } from '../../exceptions/truthEvent.ts';

/** What the floor did instead of what a posting books: physical changes and their attribution. */
export interface Divergence {
  changes: PhysicalChange[];
  truth: TruthBody;
}
import { receiptMachine, type ReceiptEventType } from '../../machines/receiptMachine.ts';
import { putawayTaskMachine, type PutawayEventType } from '../../machines/putawayTaskMachine.ts';
import { addToLoad, copyLoad, emptyLoad, freeIn, type BinLoad, type BinStock } from './binOccupancy.ts';
import { LiveOccupancy, PhysicalLoads } from './liveOccupancy.ts';
import { createPutawayContext, type PutawayContext } from './putawayRules.ts';
import { inboundState, type PutawayTask, type Receipt } from './inboundState.ts';

/** The compiled receipt and putaway-task machines. */
interface InboundTables {
  receipt: CompiledMachine;
  putaway: CompiledMachine;
}

// Compiled once per process: pure functions of the machine definitions.
let tables: InboundTables | null = null;

/** The compiled machines. */
export function inboundMachines(): InboundTables {
  tables ??= { receipt: compileMachine(receiptMachine), putaway: compileMachine(putawayTaskMachine) };
  return tables;
}

let lifecycles: { receipt: Lifecycle; putaway: Lifecycle } | null = null;
/** The receipt and putaway-task lifecycles, for step effects. */
function inboundLifecycles(): { receipt: Lifecycle; putaway: Lifecycle } {
  const m = inboundMachines();
  lifecycles ??= {
    receipt: { doc: 'receipt', machine: m.receipt },
    putaway: { doc: 'putaway task', machine: m.putaway },
  };
  return lifecycles;
}

/**
 * Steps a receipt's lifecycle and, only if the step is legal, posts `body` (its journal event,
 * null for none) as one effect; an illegal step is an engine bug, so it throws.
 */
export function receiptStep(
  w: World,
  r: Receipt,
  type: ReceiptEventType,
  body: JournalEventBody | null = null,
): void {
  stepDoc(w, inboundLifecycles().receipt, r, inboundMachines().receipt.event(type), body);
}

/**
 * Steps a putaway task's lifecycle with its journal event (`body`, null for none) as one effect,
 * posted as a divergence when the floor does otherwise (`odd`); throws on an illegal step. `mask`: the chart's named guards that hold for this event (see
 * binScanMask). Returns the named actions of the step, for the caller to run (runChartActions).
 */
export function taskStep(
  w: World,
  t: PutawayTask,
  type: PutawayEventType,
  mask = 0,
  body: JournalEventBody | null = null,
  odd: Divergence | null = null,
): readonly string[] {
  const m = inboundMachines().putaway;
  const e = stepDoc(w, inboundLifecycles().putaway, t, m.event(type), body, mask, odd?.changes, odd?.truth);
  return m.edgeActions[e]!;
}

/** Guard outcomes of a bin-label scan at the drop: the chart's scannedDirectedBin / scannedApprovedBin. */
export function binScanMask(t: PutawayTask, scanned: number): number {
  const m = inboundMachines().putaway;
  let mask = 0;
  if (scanned === t.bin) mask |= 1 << m.guard('scannedDirectedBin');
  if (scanned === t.overrideBin) mask |= 1 << m.guard('scannedApprovedBin');
  return mask;
}

/** Is the task in this putaway-machine state? */
export function taskIn(t: PutawayTask, state: string): boolean {
  return t.state === inboundMachines().putaway.state(JSON.stringify(state));
}

/** Static inbound view of a site, derived from the scenario alone. */
export interface InboundSite {
  itemIndex: Map<string, number>;
  rules: PutawayContext;
  /** Inbound doors: the dock door list, else receiving-zone locations standing in for doors. */
  doors: Dock[];
  /** Staging lanes (bins of staging zones); empty = receive at the door's bin. */
  staging: number[];
  /** QC cages (bins of qc zones); empty = QC holds stay in staging. */
  qc: number[];
}

// Derived from the (immutable) site model, so a cache keyed by it is not run state.
const sites = new WeakMap<SiteModel, InboundSite>();

/** The inbound view of the world's site. */
export function inboundSite(w: World): InboundSite {
  let s = sites.get(w.site);
  if (s) return s;
  const layout = w.site.layout;
  if (!layout) throw new Error('the inbound flow needs a layout');
  const kindOf = new Map(layout.zones.map((z) => [z.id, z.kind]));
  let doors = layout.docks.filter((d) => d.kind === 'inbound');
  if (doors.length === 0) {
    doors = layout.bins
      .filter((b) => kindOf.get(b.zone) === 'receiving')
      .map((b) => ({ id: b.code, x: b.x, y: b.y, kind: 'inbound' as const, bin: b.index }));
  }
  if (doors.length === 0) throw new Error('the inbound flow needs inbound dock doors or a receiving zone');
  s = {
    itemIndex: new Map(w.site.items.map((i) => [i.sku, i.index])),
    rules: createPutawayContext(layout, w.site.forwardBinOf, w.site.distance, w.scenario.rules),
    doors,
    staging: layout.bins.filter((b) => kindOf.get(b.zone) === 'staging').map((b) => b.index),
    qc: layout.bins.filter((b) => kindOf.get(b.zone) === 'qc').map((b) => b.index),
  };
  sites.set(w.site, s);
  return s;
}

/** Stock directed to bins by open putaway tasks (not yet confirmed there). */
export function pendingStock(w: World, except = -1): BinStock[] {
  const out: BinStock[] = [];
  for (const t of Object.values(inboundState(w).tasks)) {
    if (t.id === except) continue;
    const bin = t.overrideBin >= 0 ? t.overrideBin : t.bin;
    if (bin >= 0) out.push({ bin, item: t.item, lot: t.lot, qty: t.qty });
  }
  return out;
}

const loads = new WeakMap<World, PhysicalLoads>();

/** The physical ledger's per-bin loads, following the ledger (derived state, never saved). */
export function physicalLoads(w: World): PhysicalLoads {
  let l = loads.get(w);
  if (!l) {
    l = new PhysicalLoads(
      w.site.layout!,
      w.site.items,
      w.site.binIndex,
      inboundSite(w).itemIndex,
      w.physical,
    );
    loads.set(w, l);
  }
  return l;
}

/**
 * Current occupancy: the physical ledger plus stock directed by open tasks (except one task's
 * own). Only the bins a decision looks at are computed, from the loads kept per bin.
 */
export function currentOccupancy(w: World, exceptTask = -1): LiveOccupancy {
  return new LiveOccupancy(physicalLoads(w), pendingStock(w, exceptTask));
}

/**
 * `currentOccupancy(w, exceptTask).freeFor(bin, item, lot)` for one bin, without building the
 * whole view (a map of every open task's stock) to read a single bin at each drop: the same
 * load (the bin's physical load, then stock directed there in task order), so the same answer.
 */
export function freeAt(w: World, bin: number, item: Item, lot: string, exceptTask = -1): number {
  const base = physicalLoads(w);
  const b = w.site.layout!.bins[bin]!;
  const shared = base.load(bin);
  let l: BinLoad | undefined = shared;
  for (const t of Object.values(inboundState(w).tasks)) {
    if (t.id === exceptTask || t.qty === 0) continue;
    if ((t.overrideBin >= 0 ? t.overrideBin : t.bin) !== bin) continue;
    if (l === shared) l = shared ? copyLoad(shared) : emptyLoad();
    addToLoad(l!, b, w.site.items[t.item]!, t.lot, t.qty);
  }
  return freeIn(b, l, item, lot);
}
