import type { World } from '../../engine/world.ts';
import { lotCode } from '../../engine/openingStock.ts';
import { sampler } from '../../random/distribution.ts';
import type { Rng } from '../../random/randomStreams.ts';
import { caseQty, palletQty } from './binOccupancy.ts';
import { inboundMachines } from './inboundSite.ts';
import {
  asnCode,
  inboundState,
  receiptCode,
  settings,
  type PurchaseOrder,
  type Receipt,
  type ReceiptLine,
} from './inboundState.ts';
import { receiptReason } from './receiptReason.ts';
import { post } from '../../engine/applyEffects.ts';
import { needsArrival } from '../picking/removal.ts';
import { pushSample } from './inboundSamples.ts';
import { retentionOf } from '../../scenario/retentionSchema.ts';

const DAY = 86_400_000;

/** Pallets a line takes on a trailer: what the supplier really loaded, each line on its own pallets. */
export function linePallets(w: World, l: ReceiptLine): number {
  return Math.ceil(l.shipQty / palletQty(w.site.items[l.shipItem]!));
}

/** A fresh lot for goods of an item arriving on `day` ('' for items without lot or expiry control). */
export function newLot(w: World, item: number, day: number, rng: Rng): string {
  const it = w.site.items[item]!;
  if (!it.lotControlled && it.shelfLifeDays === null) return '';
  const st = inboundState(w);
  const life = it.shelfLifeDays ?? 365;
  st.lotSerial = (st.lotSerial % 999) + 1;
  const lot = lotCode(day + Math.floor(life * (0.8 + 0.2 * rng())), st.lotSerial);
  // The first arrival of a lot code counts (the serial wraps after 999 lots).
  if (needsArrival(w.scenario.rules.removal)) (st.lotDays ??= {})[lot] ??= day;
  return lot;
}

/**
 * Loads the POs due today onto trailers, one supplier per truck: lines in PO order fill a
 * trailer up to its pallet positions (drawn per truck); a line that does not fit is split and
 * the rest goes on the next truck, so a big PO ships in several trucks and small POs of one
 * supplier due together share one. Returns the trucks as receipts (arrival time not yet set).
 */
export function loadTrucks(w: World, day: number, due: PurchaseOrder[]): Receipt[] {
  const s = settings(w);
  const rng = w.random.stream('inbound-truck');
  const trailer = sampler(s.trailerPallets);
  const suppliers: string[] = [];
  for (const p of due) if (!suppliers.includes(p.supplier)) suppliers.push(p.supplier);
  const out: Receipt[] = [];
  for (const sup of suppliers) {
    let cap = 0;
    let used = 0;
    let truck: { po: PurchaseOrder; item: number; cases: number }[] = [];
    const close = (): void => {
      if (truck.length > 0) out.push(createReceipt(w, day, sup, truck, cap - used, rng));
      truck = [];
      used = 0;
      cap = Math.max(1, Math.round(trailer(rng)));
    };
    close();
    for (const po of due) {
      if (po.supplier !== sup) continue;
      for (const l of po.lines) {
        const item = w.site.items[l.item]!;
        const casesPerPallet = Math.max(1, Math.floor(palletQty(item) / caseQty(item)));
        let left = l.qty;
        while (left > 0) {
          const space = cap - used;
          const need = Math.ceil(left / casesPerPallet);
          if (need <= space) {
            truck.push({ po, item: l.item, cases: left });
            used += need;
            left = 0;
          } else if (space > 0) {
            const take = space * casesPerPallet;
            truck.push({ po, item: l.item, cases: take });
            left -= take;
            used = cap;
            close();
          } else {
            close();
          }
        }
      }
    }
    if (truck.length > 0) out.push(createReceipt(w, day, sup, truck, cap - used, rng));
  }
  return out;
}

/**
 * One truck: its lines, the supplier's mistakes on them, an ASN for a share, the QC plan.
 * Mistakes stay within the trailer: a wrong item takes the ordered line's pallet positions, and
 * an unordered pallet only comes when a position is free (`spare`).
 */
function createReceipt(
  w: World,
  day: number,
  supplier: string,
  load: { po: PurchaseOrder; item: number; cases: number }[],
  spare: number,
  rng: Rng,
): Receipt {
  const s = settings(w);
  const st = inboundState(w);
  const err = s.supplierErrors;
  const erng = w.random.stream('inbound-supplier');
  const lines: ReceiptLine[] = load.map((x) => {
    const cs = caseQty(w.site.items[x.item]!);
    const line: ReceiptLine = {
      po: x.po.po,
      item: x.item,
      lot: newLot(w, x.item, day, rng),
      uomQty: x.cases,
      uom: cs > 1 ? 'CS' : w.site.items[x.item]!.baseUom,
      expectedQty: x.cases * cs,
      receivedQty: -1,
      openTasks: 0,
      stocked: -1,
      shipItem: x.item,
      shipQty: x.cases * cs,
      damagedQty: 0,
      labelError: false,
      relabel: false,
    };
    if (err.wrongItem > 0 && erng() < err.wrongItem) {
      const other = w.site.sampleItem(erng);
      if (other !== x.item) {
        const positions = Math.ceil(line.expectedQty / palletQty(w.site.items[x.item]!));
        const o = w.site.items[other]!;
        line.shipItem = other;
        line.shipQty = Math.min(x.cases * caseQty(o), positions * palletQty(o));
      }
    }
    if (err.damaged > 0 && erng() < err.damaged)
      line.damagedQty = Math.min(line.shipQty, 1 + Math.floor(erng() * Math.max(1, cs)));
    if (err.labelling > 0 && erng() < err.labelling) line.labelError = true;
    return line;
  });
  if (err.noPo > 0 && erng() < err.noPo && spare > 0) {
    // A pallet of something none of the truck's POs ordered.
    const item = w.site.sampleItem(erng);
    const it = w.site.items[item]!;
    const qty = Math.max(1, Math.min(palletQty(it), caseQty(it) * (1 + Math.floor(erng() * 20))));
    lines.push({
      po: '',
      item,
      lot: newLot(w, item, day, erng),
      uomQty: 0,
      uom: it.baseUom,
      expectedQty: 0,
      receivedQty: -1,
      openTasks: 0,
      stocked: -1,
      shipItem: item,
      shipQty: qty,
      damagedQty: 0,
      labelError: false,
      relabel: false,
    });
  }
  const pos: Receipt['pos'] = [];
  for (const x of load)
    if (!pos.some((p) => p.po === x.po.po)) pos.push({ po: x.po.po, created: x.po.created });
  const id = w.nextDoc('receipt');
  const r: Receipt = {
    id,
    pos,
    asn: rng() < s.asnShare ? asnCode(w.nextDoc('asn')) : '',
    supplier,
    state: inboundMachines().receipt.initial,
    qc: rng() < s.qc.share,
    lines,
    due: day * DAY,
    yardAt: -1,
    doorAt: -1,
    door: -1,
    bin: -1,
    openTasks: 0,
  };
  st.receipts[id] = r;
  st.kpi.scheduled++;
  let pallets = 0;
  for (const l of lines) pallets += linePallets(w, l);
  const cap = retentionOf(w.scenario).inboundSamples;
  pushSample(st.kpi, 'truckPallets', st.kpi.truckPallets, pallets, cap);
  pushSample(st.kpi, 'truckLines', st.kpi.truckLines, lines.length, cap);
  if (w.journalOn) {
    post(w, {
      type: 'receipt.expected',
      site: w.site.name,
      qty: lines.length,
      uom: 'LINE',
      reason: receiptReason(r),
      docs: { receipt: receiptCode(id) },
    });
  }
  return r;
}
