import type { World } from '../../engine/world.ts';
import { parseScan } from '../../gs1/parseScan.ts';
import { toWarehouseScan, type WarehouseScan } from '../../gs1/warehouseScan.ts';
import { binOf, itemByGtin, type GtinHit } from '../../mirror/siteLookup.ts';

/** What a handheld entry reads as, through the same GS1 parser and site look-ups as live scanners. */
export type ReadEntry =
  | { ok: true; kind: 'location'; bin: string }
  | { ok: true; kind: 'item'; hit: GtinHit; lot: string | undefined; gtin: string }
  | { ok: true; kind: 'text'; text: string }
  | { ok: false; reason: string };

/**
 * Reads a scanned or typed entry: a bin label (or an SGLN naming a bin), a GS1 item (GTIN with
 * its lot, AI 10, when the label carries one) or plain text. A barcode the GS1 parser refuses
 * (check digit, length, a dictionary linter) is refused with the parser's words, as the
 * scanner feed refuses it (sim/mirror/scanSession.ts); so are an unknown location and a GTIN
 * the item master does not hold.
 */
export function readEntry(w: World, raw: string): ReadEntry {
  const parsed = parseScan(raw);
  if (!parsed.ok) return { ok: false, reason: parsed.errors.map((e) => e.message).join('; ') };
  const scan: Partial<WarehouseScan> = toWarehouseScan(parsed) ?? {};
  if (scan.binCode !== undefined || scan.gln !== undefined) {
    const id = scan.binCode ?? scan.glnExtension ?? `urn:gln:${scan.gln}`;
    const bin = binOf(w, id);
    if (bin === undefined) return { ok: false, reason: `unknown location ${id}` };
    return { ok: true, kind: 'location', bin };
  }
  if (scan.gtin !== undefined) {
    const hit = itemByGtin(w, scan.gtin);
    if (!hit) return { ok: false, reason: `GTIN ${scan.gtin} is not in the item master` };
    return { ok: true, kind: 'item', hit, lot: scan.lot, gtin: scan.gtin };
  }
  if (scan.sscc !== undefined)
    return { ok: false, reason: `SSCC ${scan.sscc}: scan the item label (GTIN), not the pallet` };
  if (parsed.kind === 'text') {
    const bin = binOf(w, parsed.text);
    return bin !== undefined
      ? { ok: true, kind: 'location', bin }
      : { ok: true, kind: 'text', text: parsed.text };
  }
  return { ok: false, reason: 'the scan is neither a location nor an item' };
}

/** A keyed quantity: a whole number of at most 6 digits, else why not. */
export function readQuantity(raw: string): { ok: true; qty: number } | { ok: false; reason: string } {
  const t = raw.replace(/[\r\n]+$/, '').trim();
  if (!/^\d{1,6}$/.test(t)) return { ok: false, reason: `"${t.slice(0, 20)}" is not a whole quantity` };
  return { ok: true, qty: Number(t) };
}

/** A lot entry: the lot (AI 10) of a GS1 scan, or the typed text. */
export function readLot(w: World, raw: string): { ok: true; lot: string } | { ok: false; reason: string } {
  const r = readEntry(w, raw);
  if (r.ok && r.kind === 'item' && r.lot !== undefined) return { ok: true, lot: r.lot };
  if (r.ok && r.kind === 'text' && r.text.length > 0 && r.text.length <= 20) return { ok: true, lot: r.text };
  if (!r.ok && !/^[\x21-\x7e]{1,20}$/.test(raw.trim())) return r;
  if (!r.ok) return { ok: true, lot: raw.trim() };
  return { ok: false, reason: 'expected a lot: scan the lot (AI 10) or type it' };
}
