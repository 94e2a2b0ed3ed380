import {
  EFFECT_SHAPES,
  ledgerShape,
  transactionSpec,
  type JournalEvent,
  type LedgerEffect,
  type TruthEvent,
} from '../sim/index.ts';
import type { SimEngine as Engine } from '../sim/engineApi.ts';
import { physicalStatus } from '../sim/inventory/physicalStatus.ts';
import type { Ledger } from '../sim/inventory/ledger.ts';
import { returnsBalance } from './returnsBalance.ts';
import { crossdock } from '../sim/flows/crossdock/crossdockState.ts';
import { transfers } from '../sim/flows/transfers/transferState.ts';
import { sellableStatusOf } from '../sim/flows/stockStatus/statusPolicy.ts';

/** Ledger effects that change how much a SKU has on site (the others only move or re-status it). */
const TOTAL_CHANGING: ReadonlySet<LedgerEffect> = new Set(['inflow', 'outflow', 'adjust', 'external']);

/** Problems found by the warehouse invariants; empty when all hold. */
export function checkInvariants(
  engine: Engine,
  journal: readonly JournalEvent[],
  truth: readonly TruthEvent[] = [],
): string[] {
  const w = engine.world;
  const problems: string[] = [];
  // Every event does to the ledger what its catalogue entry declares (a receipt that takes stock
  // out, a move that creates it, is a bug in the flow or in the catalogue). An untracked run keeps
  // no stock at all: there, no event may touch a ledger.
  for (const e of journal) {
    const { ledger } = transactionSpec(e.type);
    const shape = ledgerShape(e);
    if (!w.tracked ? shape !== 'none' : !EFFECT_SHAPES[ledger].includes(shape))
      problems.push(
        `${e.id} ${e.type} is declared ${w.tracked ? ledger : 'none (untracked run)'} but the ledger sees ${shape}`,
      );
  }
  // Conservation per SKU: on hand = in − out ± adjustments, in each ledger separately. Moves and
  // status changes keep the total; inflows, outflows, adjustments and feed transactions change it.
  const expected = new Map<string, number>();
  for (const e of journal) {
    if (e.baseQty === undefined || e.sku === undefined) continue;
    if (!TOTAL_CHANGING.has(transactionSpec(e.type).ledger)) continue;
    const d = (e.statusTo ? e.baseQty : 0) - (e.statusFrom ? e.baseQty : 0);
    if (d !== 0) expected.set(e.sku, (expected.get(e.sku) ?? 0) + d);
  }
  // The physical ledger is the system's plus everything the truth log says happened off the books.
  const expectedPhysical = new Map(expected);
  const gap = new Map<string, number>();
  // Adjustments correct the system only: they close the gap rather than move goods.
  for (const e of journal) {
    if (transactionSpec(e.type).ledger !== 'adjust' || e.baseQty === undefined || e.sku === undefined)
      continue;
    const lot = e.lot ?? '';
    const signed = (e.statusTo ? e.baseQty : 0) - (e.statusFrom ? e.baseQty : 0);
    expectedPhysical.set(e.sku, (expectedPhysical.get(e.sku) ?? 0) - signed);
    for (const [status, q] of [
      [e.statusFrom, -e.baseQty],
      [e.statusTo, e.baseQty],
    ] as const) {
      if (status === undefined) continue;
      const key = `${e.bin}|${e.sku}|${lot}|${physicalStatus(status)}`;
      gap.set(key, (gap.get(key) ?? 0) - q);
    }
  }
  for (const t of truth) {
    // A posted miscount moved nothing: its gap is already in the adjustment it rode on.
    if (t.cause === 'miscount') continue;
    for (const d of t.delta) {
      expectedPhysical.set(d.sku, (expectedPhysical.get(d.sku) ?? 0) + d.delta);
      const key = `${d.bin}|${d.sku}|${d.lot}|${d.status}`;
      gap.set(key, (gap.get(key) ?? 0) + d.delta);
    }
  }
  for (const [name, ledger, exp] of [
    ['system', w.system, expected],
    ['physical', w.physical, expectedPhysical],
  ] as [string, Ledger, Map<string, number>][]) {
    const totals = ledger.totalsBySku();
    for (const sku of new Set([...exp.keys(), ...totals.keys()])) {
      if ((exp.get(sku) ?? 0) !== (totals.get(sku) ?? 0)) {
        problems.push(
          `${name} ledger: ${sku} on hand ${totals.get(sku) ?? 0} ≠ expected ${exp.get(sku) ?? 0}`,
        );
      }
    }
  }
  // Record by record, physical − system is exactly the sum of the truth log's deltas.
  const diff = new Map<string, number>();
  for (const r of w.physical.all()) {
    const key = `${r.bin}|${r.sku}|${r.lot}|${r.status}`;
    diff.set(key, (diff.get(key) ?? 0) + r.qty);
  }
  for (const r of w.system.all()) {
    const key = `${r.bin}|${r.sku}|${r.lot}|${physicalStatus(r.status)}`;
    diff.set(key, (diff.get(key) ?? 0) - r.qty);
  }
  for (const key of new Set([...diff.keys(), ...gap.keys()])) {
    if ((diff.get(key) ?? 0) !== (gap.get(key) ?? 0)) {
      problems.push(
        `${key}: physical − system = ${diff.get(key) ?? 0} but the truth log explains ${gap.get(key) ?? 0}`,
      );
    }
  }
  // Capacity and compatibility of every storage bin, on physical contents.
  const layout = w.site.layout!;
  const volume = new Map<number, number>();
  const weight = new Map<number, number>();
  const itemBySku = new Map(w.site.items.map((i) => [i.sku, i]));
  for (const r of w.physical.all()) {
    const b = w.site.binIndex.get(r.bin);
    if (b === undefined) continue; // pseudo-locations: equipment in motion, the pack station
    const bin = layout.bins[b]!;
    const item = itemBySku.get(r.sku)!;
    const ea = item.uoms[0]!;
    volume.set(b, (volume.get(b) ?? 0) + (r.qty * ea.lengthCm * ea.widthCm * ea.heightCm) / 1000);
    weight.set(b, (weight.get(b) ?? 0) + r.qty * ea.weightKg);
    const storage = bin.type === 'forward' || bin.type === 'reserve' || bin.type === 'floor';
    if (storage && (item.temperature !== bin.temperature || (item.hazard ?? null) !== (bin.hazard ?? null))) {
      problems.push(
        `${r.sku} (${item.temperature}, hazard ${item.hazard}) stored in ${bin.code} (${bin.temperature}, hazard ${bin.hazard})`,
      );
    }
  }
  // Storage bins only: staging lanes and QC cages may overflow by design (counted as overflows).
  // With exceptions switched on, a face the system under-counts can be overfilled by a
  // replenishment that trusted the system: that is the consequence being studied, not a bug.
  for (const [b, v] of volume) {
    const bin = layout.bins[b]!;
    const storage = bin.type === 'forward' || bin.type === 'reserve' || bin.type === 'floor';
    if (!storage || truth.some((t) => t.cause !== 'consequence')) continue;
    if (v > bin.capacity.volumeL * 1.0001)
      problems.push(`${bin.code} holds ${v.toFixed(1)} L > ${bin.capacity.volumeL} L`);
    const kg = weight.get(b) ?? 0;
    if (kg > bin.capacity.weightKg * 1.0001)
      problems.push(`${bin.code} holds ${kg.toFixed(1)} kg > ${bin.capacity.weightKg} kg`);
  }
  // Allocation never exceeds stock: every allocated record is exactly what open pick tasks reserve.
  const reserved = new Map<string, number>();
  for (const t of w.tasks.values()) {
    if (t.bin < 0) continue;
    const key = `${layout.bins[t.bin]!.code}|${w.site.items[t.item]!.sku}|${t.lot}`;
    reserved.set(key, (reserved.get(key) ?? 0) + t.qty);
  }
  // Cross-dock pallets are allocated too: in their staging lane, or on the driver's forklift.
  for (const t of Object.values(crossdock.peek(w)?.tasks ?? {})) {
    const at = t.onTruck ? `MHE-${w.workers[t.driver]!.code}` : layout.bins[t.from]!.code;
    const key = `${at}|${w.site.items[t.item]!.sku}|${t.lot}`;
    reserved.set(key, (reserved.get(key) ?? 0) + t.qty);
  }
  // A transfer order's allocation holds its bins until each is picked (network runs).
  for (const doc of Object.values(transfers.peek(w)?.outgoing ?? {}))
    for (const p of doc.picks) {
      if (p.picked) continue;
      const key = `${layout.bins[p.bin]!.code}|${doc.sku}|${p.lot}`;
      reserved.set(key, (reserved.get(key) ?? 0) + p.qty);
    }
  for (const r of w.system.all()) {
    // Key-account reserves are held at pick faces only; consigned stock is a consigned item's,
    // wherever it sits (sim/flows/stockStatus).
    if (r.status === 'customer-reserved' && !w.site.pickable(r.bin))
      problems.push(`${r.bin}|${r.sku}|${r.lot}: ${r.qty} ${r.status} outside a pick location`);
    if (r.status === 'consigned' && sellableStatusOf(w, r.sku) !== 'consigned')
      problems.push(`${r.bin}|${r.sku}|${r.lot}: ${r.qty} consigned, but the item is not`);
    // Picked goods wait allocated at the pack bin, and a transfer's at its own STAGE- location.
    if (r.status !== 'allocated' || r.bin === w.site.packBin || r.bin.startsWith('STAGE-')) continue;
    const key = `${r.bin}|${r.sku}|${r.lot}`;
    if ((reserved.get(key) ?? 0) !== r.qty)
      problems.push(`${key}: allocated ${r.qty} but open tasks reserve ${reserved.get(key) ?? 0}`);
    reserved.delete(key);
  }
  for (const [key, q] of reserved) problems.push(`${key}: open tasks reserve ${q} with no allocated stock`);
  // Every task and order still held is unfinished (finished ones are folded and dropped).
  for (const t of w.tasks.values()) {
    if (w.machines.pickTask.final[t.state]) problems.push(`pick task ${t.id} finished but still held`);
  }
  for (const o of w.orders.values()) {
    if (w.machines.order.final[o.state]) problems.push(`order ${o.id} finished but still held`);
  }
  problems.push(...returnsBalance(w, journal));
  return problems;
}
