import type { World } from '../engine/world.ts';
import type { InventoryStatus, JournalEventBody } from '../journal/journalEvent.ts';
import { INVENTORY_STATUSES } from '../journal/journalEvent.ts';
import { isTransactionType, TRANSACTIONS, type TransactionType } from '../journal/transactionCatalogue.ts';
import { epcKeys } from './epcIdentifiers.ts';
import { binOf, itemByGtin } from './siteLookup.ts';

/** Namespace of the fields the twin adds to its own EPCIS export, so a replay is exact. */
export const BINTWIN_NS = 'https://bintwin.dev/epcis/';

/** A mapped EPCIS event: the journal bodies it means, or why it cannot be applied. */
export type MappedEvent =
  | { ok: true; step: string; bodies: JournalEventBody[] }
  | { ok: false; kind: string; reason: string; bin?: string };

type Ev = Record<string, unknown>;

/** The short CBV name of a business step (`receiving`), from a bare word, web URI or URN. */
export function bizStepName(v: unknown): string {
  if (typeof v !== 'string') return '';
  const m = /(?:BizStep-|bizstep:)([A-Za-z_]+)$/.exec(v);
  return m ? m[1]! : v.replace(/^.*[/#:]/, '');
}

const DISPOSITION_STATUS: Record<string, InventoryStatus> = {
  damaged: 'damaged',
  in_progress: 'inspection',
  non_conformant: 'quarantine',
  recalled: 'quarantine',
  reserved: 'allocated',
  in_transit: 'in-transit',
  // A customer return is held until inspected (CBV `returned`).
  returned: 'quarantine',
};

function dispositionName(v: unknown): string {
  return typeof v === 'string' ? v.replace(/^.*(?:Disp-|disp:)/, '') : '';
}

/** One quantity of an item in base units. */
interface Line {
  sku: string;
  lot: string;
  baseQty: number;
  qty: number;
  uom: string;
}

/**
 * Maps one validated EPCIS event to warehouse journal bodies. Business steps: receiving /
 * accepting / arriving / unloading put stock into the location; storing / stocking / picking /
 * staging_outbound / packing / loading move it from the source location to the destination;
 * shipping / departing / removing / destroying / decommissioning (and action DELETE) take it out;
 * holding, inspecting and reserving change its status in place; cycle_counting / stock_taking
 * set the system quantity to what was counted. Items come from quantityList (GTIN by Digital
 * Link, `idpat:sgtin`, or `lgtin` with a lot) and epcList (one unit of the SGTIN's level each);
 * locations from bizLocation / readPoint and source/destination lists of type `location`. The
 * twin's own export adds `bintwin:` fields (type, statuses) that override the inference. The
 * journal type is the `bintwin:type` (refused when the transaction catalogue has no such type),
 * else `epcis.<step>` (`epcis.add` / `epcis.observe` without a step, `epcis.delete` for a DELETE
 * on a step that keeps stock, `epcis.other` for a step without a catalogue entry).
 */
export function mapEpcisEvent(w: World, e: Ev, prefixes: Record<string, string> = {}): MappedEvent {
  const ext = (name: string): string | undefined => {
    for (const [p, ns] of Object.entries(prefixes)) {
      if (ns !== BINTWIN_NS) continue;
      const v = e[`${p}:${name}`];
      if (typeof v === 'string') return v;
    }
    return undefined;
  };
  const step = bizStepName(e['bizStep']);
  const action = e['action'];
  const lines = linesOf(w, e);
  if (!Array.isArray(lines)) return lines;
  const loc = (v: unknown): { id?: string; bin?: string } => {
    const id = (v as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' ? { id, bin: binOf(w, id) } : {};
  };
  const listLoc = (field: string, key: string): { id?: string; bin?: string } => {
    const l = e[field];
    if (!Array.isArray(l)) return {};
    const hit = (l as Ev[]).find((x) => bizStepName(x['type']) === 'location' && typeof x[key] === 'string');
    return hit ? { id: hit[key] as string, bin: binOf(w, hit[key] as string) } : {};
  };
  const bizLoc = loc(e['bizLocation']);
  const readPoint = loc(e['readPoint']);
  const src = listLoc('sourceList', 'source');
  const dst = listLoc('destinationList', 'destination');
  const unknown = [bizLoc, src, dst].find((l) => l.id !== undefined && l.bin === undefined);
  if (unknown && lines.length > 0)
    return { ok: false, kind: 'unknown-location', reason: `unknown location ${unknown.id}` };
  const status = (name: string, dflt: InventoryStatus): InventoryStatus => {
    const v = ext(name);
    return v !== undefined && (INVENTORY_STATUSES as readonly string[]).includes(v)
      ? (v as InventoryStatus)
      : dflt;
  };
  const disp = DISPOSITION_STATUS[dispositionName(e['disposition'])];
  const named = ext('type');
  if (named !== undefined && !isTransactionType(named))
    return {
      ok: false,
      kind: 'unknown-type',
      reason: `bintwin:type ${named} is not a bintwin transaction type`,
    };
  let type: TransactionType = named ?? feedType(step || String(action).toLowerCase());
  const reason = ext('reason');
  const site = w.site.name;
  const body = (l: Line, b: Partial<JournalEventBody>): JournalEventBody => {
    const out: JournalEventBody = {
      type,
      site,
      ...b,
      sku: l.sku,
      qty: l.qty,
      uom: l.uom,
      baseQty: l.baseQty,
    };
    if (l.lot) out.lot = l.lot;
    if (reason !== undefined) out.reason = reason;
    return out;
  };
  const here = bizLoc.bin ?? dst.bin ?? src.bin ?? readPoint.bin;
  const need = (bin: string | undefined, what: string): MappedEvent | null =>
    bin === undefined && lines.length > 0
      ? { ok: false, kind: 'no-location', reason: `${step || 'event'}: no ${what} location of this site` }
      : null;
  const ok = (bodies: JournalEventBody[]): MappedEvent => ({ ok: true, step, bodies });
  const into = (): MappedEvent =>
    need(here, 'destination') ??
    ok(lines.map((l) => body(l, { bin: here!, statusTo: status('statusTo', disp ?? 'available') })));
  const outOf = (from: string | undefined): MappedEvent =>
    need(from, 'source') ??
    ok(lines.map((l) => body(l, { bin: from!, statusFrom: status('statusFrom', 'available') })));
  if (action === 'DELETE' && !['shipping', 'removing', 'destroying'].includes(step)) {
    // Whatever the step, the stock leaves: booked as a removal so the type says what it did.
    type = named ?? 'epcis.delete';
    return outOf(here);
  }
  switch (step) {
    case 'receiving':
    case 'accepting':
    case 'arriving':
    case 'unloading':
    case 'commissioning':
      return into();
    case 'storing':
    case 'stocking':
    case 'picking':
    case 'staging_outbound':
    case 'packing':
    case 'loading': {
      const from = src.bin ?? (readPoint.bin !== bizLoc.bin ? readPoint.bin : undefined);
      let to = dst.bin ?? bizLoc.bin;
      if (to === undefined && (step === 'picking' || step === 'packing')) to = w.site.packBin;
      const miss = need(from, 'source') ?? need(to, 'destination');
      if (miss) return miss;
      if (from === to) return ok([]);
      const sFrom = status('statusFrom', 'available');
      return ok(
        lines.map((l) =>
          body(l, { bin: from!, toBin: to!, statusFrom: sFrom, statusTo: status('statusTo', sFrom) }),
        ),
      );
    }
    case 'shipping':
    case 'departing':
      // Shipped into a location of this site (a transfer's in-transit location): the stock
      // stays on this site's books, moved and in the status the event gives it.
      if (src.bin !== undefined && dst.bin?.startsWith('TRANSIT-') === true) {
        const sFrom = status('statusFrom', 'available');
        return ok(
          lines.map((l) =>
            body(l, {
              bin: src.bin!,
              toBin: dst.bin!,
              statusFrom: sFrom,
              statusTo: status('statusTo', 'in-transit'),
            }),
          ),
        );
      }
      return outOf(src.bin ?? here);
    case 'removing':
    case 'destroying':
    case 'decommissioning':
      return outOf(src.bin ?? here);
    case 'holding':
    case 'inspecting':
    case 'reserving': {
      const to: InventoryStatus =
        step === 'holding' ? 'quarantine' : step === 'inspecting' ? 'inspection' : 'allocated';
      return (
        need(here, 'event') ??
        ok(
          lines.map((l) =>
            body(l, {
              bin: here!,
              statusFrom: status('statusFrom', 'available'),
              statusTo: status('statusTo', disp ?? to),
            }),
          ),
        )
      );
    }
    case 'cycle_counting':
    case 'stock_taking': {
      const miss = need(here, 'counted');
      if (miss) return miss;
      const bodies: JournalEventBody[] = [];
      for (const l of lines) {
        const delta = l.baseQty - w.system.qty(here!, l.sku, l.lot, 'available');
        if (delta > 0)
          bodies.push(
            body(
              { ...l, baseQty: delta, qty: delta, uom: baseUom(w, l.sku) },
              { bin: here!, statusTo: 'available', reason: 'count' },
            ),
          );
        if (delta < 0)
          bodies.push(
            body(
              { ...l, baseQty: -delta, qty: -delta, uom: baseUom(w, l.sku) },
              { bin: here!, statusFrom: 'available', reason: 'count' },
            ),
          );
      }
      return ok(bodies);
    }
    default: {
      // A site-specific step with our own statuses is exact; otherwise nothing moves here.
      const f = ext('statusFrom');
      const t = ext('statusTo');
      if (f === undefined && t === undefined) return ok([]);
      const from = f === undefined ? undefined : (src.bin ?? here);
      const to = t === undefined ? undefined : (dst.bin ?? here);
      const miss =
        (f !== undefined ? need(from, 'source') : null) ?? (t !== undefined ? need(to, 'destination') : null);
      if (miss) return miss;
      return ok(
        lines.map((l) => {
          const b: Partial<JournalEventBody> = { bin: from ?? to! };
          if (f !== undefined) b.statusFrom = status('statusFrom', 'available');
          if (t !== undefined) {
            b.statusTo = status('statusTo', 'available');
            if (from !== undefined && to !== from) b.toBin = to;
          }
          return body(l, b);
        }),
      );
    }
  }
}

/** The journal type of a feed event without a bintwin type: `epcis.<step>` where the catalogue has it. */
function feedType(step: string): TransactionType {
  const t = `epcis.${step}`;
  return isTransactionType(t) && TRANSACTIONS[t].flow === 'mirror' ? t : 'epcis.other';
}

function baseUom(w: World, sku: string): string {
  return w.site.items.find((i) => i.sku === sku)?.baseUom ?? 'EA';
}

/** Units of measure that mean "pieces of this packaging level" (UN/CEFACT H87, C62, EA). */
const PIECE_UOMS = new Set(['H87', 'C62', 'EA', 'PCE']);

/** The item lines of an event, or the reason one cannot be read (unknown GTIN, unit, lot). */
function linesOf(w: World, e: Ev): Line[] | Extract<MappedEvent, { ok: false }> {
  const out = new Map<string, Line>();
  const add = (
    epc: string,
    qty: number,
    uom: string | undefined,
  ): Extract<MappedEvent, { ok: false }> | null => {
    const k = epcKeys(epc);
    if (k.sscc !== undefined || k.gln !== undefined) return null; // logistic units and places: no item content
    if (k.gtin === undefined) return { ok: false, kind: 'unknown-item', reason: `unknown identifier ${epc}` };
    const hit = itemByGtin(w, k.gtin);
    if (!hit) return { ok: false, kind: 'unknown-item', reason: `GTIN ${k.gtin} is not in the item master` };
    let factor = hit.factor;
    let keyedUom = hit.uom;
    if (uom !== undefined && !PIECE_UOMS.has(uom)) {
      const level = hit.item.uoms.find((u) => u.uom === uom);
      if (!level)
        return {
          ok: false,
          kind: 'bad-uom',
          reason: `unit ${uom} is not a packaging level of ${hit.item.sku}`,
        };
      factor = level.factor;
      keyedUom = level.uom;
    }
    const base = qty * factor;
    if (!Number.isInteger(base) || base <= 0)
      return {
        ok: false,
        kind: 'bad-quantity',
        reason: `${qty} ${keyedUom} of ${hit.item.sku} is not a whole positive number of base units`,
      };
    const lot = k.lot ?? '';
    const key = `${hit.item.sku}\u0001${lot}\u0001${keyedUom}`;
    const l = out.get(key);
    if (l) {
      l.baseQty += base;
      l.qty += qty;
    } else out.set(key, { sku: hit.item.sku, lot, baseQty: base, qty, uom: keyedUom });
    return null;
  };
  for (const field of ['epcList', 'childEPCs', 'inputEPCList', 'outputEPCList']) {
    const l = e[field];
    if (Array.isArray(l))
      for (const epc of l)
        if (typeof epc === 'string') {
          const err = add(epc, 1, undefined);
          if (err) return err;
        }
  }
  for (const field of ['quantityList', 'childQuantityList', 'inputQuantityList', 'outputQuantityList']) {
    const l = e[field];
    if (!Array.isArray(l)) continue;
    for (const q of l as Ev[]) {
      const err = add(
        String(q['epcClass']),
        typeof q['quantity'] === 'number' ? q['quantity'] : 1,
        typeof q['uom'] === 'string' ? q['uom'] : undefined,
      );
      if (err) return err;
    }
  }
  return [...out.values()];
}

/** The bodies that undo applied bodies (last first): each move reversed, each status change swapped. */
export function reversalOf(
  bodies: readonly JournalEventBody[],
  type: TransactionType = 'epcis.corrected',
): JournalEventBody[] {
  return [...bodies].reverse().map((b) => {
    const r: JournalEventBody = { ...b, type };
    delete r.toBin;
    delete r.statusFrom;
    delete r.statusTo;
    if (b.toBin !== undefined) {
      r.bin = b.toBin;
      r.toBin = b.bin;
    }
    if (b.statusTo !== undefined) r.statusFrom = b.statusTo;
    if (b.statusFrom !== undefined) r.statusTo = b.statusFrom;
    return r;
  });
}
