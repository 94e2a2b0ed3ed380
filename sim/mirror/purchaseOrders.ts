import { z } from 'zod';
import type { World } from '../engine/world.ts';
import { mirrorState } from './mirrorState.ts';
import { feedSchema } from './feedSchema.ts';
import { post } from '../engine/applyEffects.ts';

/** An open PO (with its ASN, if one came) as the feed's receive scans are checked against it. */
export const purchaseOrderSchema = z
  .object({
    po: z.string().min(1).max(64),
    asn: z.string().max(64).default(''),
    supplier: z.string().max(64).default(''),
    lines: z
      .array(
        z
          .object({
            /** Line number; default: position in the list, from 1. */
            line: z.number().int().positive().optional(),
            sku: z.string().min(1).max(64),
            /** Expected lot ('' = any lot). */
            lot: z.string().max(64).default(''),
            /** Ordered quantity in base units. */
            qty: z.number().int().positive(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** A purchase order as sent (before defaults). */
export type PurchaseOrderInput = z.input<typeof purchaseOrderSchema>;

/** One PO line of the feed's PO book: ordered and received so far, base units. */
export interface FeedPoLine {
  line: number;
  sku: string;
  lot: string;
  qty: number;
  received: number;
}

/** One PO of the feed's PO book (kept in the mirror state, so snapshots carry it). */
export interface FeedPo {
  po: string;
  asn: string;
  supplier: string;
  lines: FeedPoLine[];
}

/** The PO book of a world, oldest first. */
export function feedOrders(w: World): FeedPo[] {
  const s = mirrorState(w) as ReturnType<typeof mirrorState> & { orders?: FeedPo[] };
  return (s.orders ??= []);
}

/**
 * Checks POs for the PO book without changing anything: each must be valid, new (its number
 * not yet in the book nor twice in the list) and name known items. Problems name the PO (index
 * and number) and the field.
 */
export function checkPurchaseOrders(
  w: World,
  input: readonly unknown[],
): { ok: true; orders: FeedPo[] } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const known = new Set(feedOrders(w).map((p) => p.po));
  const skus = new Set(w.site.items.map((i) => i.sku));
  const orders: FeedPo[] = [];
  if (input.length === 0) problems.push('no purchase orders given');
  input.forEach((raw, i) => {
    const r = purchaseOrderSchema.safeParse(raw);
    if (!r.success) {
      for (const x of r.error.issues) problems.push(`[${i}].${x.path.join('.')}: ${x.message}`);
      return;
    }
    const p = r.data;
    if (known.has(p.po)) problems.push(`[${i}] ${p.po}: this PO number is already in the PO book`);
    known.add(p.po);
    p.lines.forEach((l, j) => {
      if (!skus.has(l.sku)) problems.push(`[${i}] ${p.po}: lines.${j}.sku: unknown item "${l.sku}"`);
    });
    orders.push({
      po: p.po,
      asn: p.asn,
      supplier: p.supplier,
      lines: p.lines.map((l, j) => ({
        line: l.line ?? j + 1,
        sku: l.sku,
        lot: l.lot,
        qty: l.qty,
        received: 0,
      })),
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, orders };
}

/** Adds POs to the PO book, all or none (see `checkPurchaseOrders`); each is journalled as `receipt.expected`. */
export function addPurchaseOrders(
  w: World,
  input: readonly unknown[],
): { ok: true; eventIds: string[] } | { ok: false; problems: string[] } {
  const c = checkPurchaseOrders(w, input);
  if (!c.ok) return c;
  const eventIds: string[] = [];
  for (const p of c.orders) {
    feedOrders(w).push(p);
    eventIds.push(
      post(w, {
        type: 'receipt.expected',
        site: w.site.name,
        qty: p.lines.length,
        uom: 'LINE',
        reason: poReason(p),
        docs: { receipt: p.po },
      }),
    );
  }
  return { ok: true, eventIds };
}

/** PO, supplier and ASN of a PO, for journal reasons (the simulator's receipt reason format). */
export function poReason(p: FeedPo): string {
  return `po:${p.po}${p.supplier ? ` supplier:${p.supplier}` : ''}${p.asn ? ` asn:${p.asn}` : ''}`;
}

/** What a received quantity matches in the PO book. */
export type PoMatch =
  { kind: 'line'; po: FeedPo; line: FeedPoLine } | { kind: 'over'; reason: string } | { kind: 'none' };

/**
 * The PO line a receipt of `qty` units of an item (and lot) is booked against: the oldest open
 * line of the item (a line without a lot takes any lot) that can take it within the over-receipt
 * tolerance; an over-receipt when the item is on order but no line can take that much; none
 * when no PO of the site orders the item.
 */
export function matchPoLine(w: World, sku: string, lot: string, qty: number): PoMatch {
  const pct = (w.scenario.feeds ?? feedSchema.parse({})).overReceiptPct;
  const lines = feedOrders(w).flatMap((po) =>
    po.lines.filter((l) => l.sku === sku && (l.lot === '' || l.lot === lot)).map((line) => ({ po, line })),
  );
  if (lines.length === 0) return { kind: 'none' };
  const fits = (l: FeedPoLine): boolean => l.received + qty <= Math.floor(l.qty * (1 + pct / 100));
  const hit =
    lines.find((x) => x.line.received < x.line.qty && fits(x.line)) ?? lines.find((x) => fits(x.line));
  if (hit) return { kind: 'line', ...hit };
  const open = lines.map(
    (x) => `${x.po.po}/${x.line.line} open ${x.line.qty - x.line.received} of ${x.line.qty}`,
  );
  return {
    kind: 'over',
    reason: `${qty} ${sku} is more than any PO line takes (tolerance ${pct}%): ${open.join(', ')}`,
  };
}
