import { defineFlow } from '../../engine/defineFlow.ts';
import type { World } from '../../engine/world.ts';
import type { Order } from '../../engine/entities.ts';
import { orderClass } from './customerClass.ts';

/** What became of the orders of one customer class (counted when an order ends). */
export interface ClassTally {
  /** Orders shipped complete, of them by their promised ship time; shipped short; cancelled. */
  shipped: number;
  onTime: number;
  shortShipped: number;
  cancelled: number;
  /** Lines of ended orders, and of them shipped complete. */
  lines: number;
  linesComplete: number;
}

/** Saved state: tallies by class name (present only when the scenario has customer classes). */
export interface CustomerClassState {
  byClass: Record<string, ClassTally>;
}

/** The customer-class flow module: per-class service outcomes (on-time share, line fill). */
export const customerClasses = defineFlow({
  name: 'customerClasses',
  state: (): CustomerClassState => ({ byClass: {} }),
});

function tallyOf(w: World, o: Order): ClassTally | null {
  const c = orderClass(w, o.id);
  if (c < 0) return null;
  const name = w.scenario.demand.customerClasses[c]!.name;
  return (customerClasses.state(w).byClass[name] ??= {
    shipped: 0,
    onTime: 0,
    shortShipped: 0,
    cancelled: 0,
    lines: 0,
    linesComplete: 0,
  });
}

/** An order shipped (complete or short): its class's tally; nothing without classes. */
export function tallyShipped(w: World, o: Order, complete: boolean, linesComplete: number): void {
  const t = tallyOf(w, o);
  if (!t) return;
  if (complete) t.shipped++;
  else t.shortShipped++;
  if (complete && w.now <= o.promised) t.onTime++;
  t.lines += o.lines.length;
  t.linesComplete += linesComplete;
}

/** An order was cancelled (backorder age): its class's tally; nothing without classes. */
export function tallyCancelled(w: World, o: Order): void {
  const t = tallyOf(w, o);
  if (!t) return;
  t.cancelled++;
  t.lines += o.lines.length;
}

// As the site-wide ratios are rounded (computeKpis).
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const ratio = (a: number, b: number): number | null => (b > 0 ? round(a / b) : null);

/**
 * Per class, as the site-wide service KPIs define them: orders due (ended, or open past their
 * promise), on-time shipment and order fill ÷ orders due, line fill ÷ lines due.
 */
export function customerClassKpis(w: World): Record<string, unknown> | null {
  const classes = w.scenario.demand.customerClasses;
  if (classes.length === 0) return null;
  const tallies = customerClasses.peek(w)?.byClass ?? {};
  const openDue = new Map<string, { orders: number; lines: number }>();
  for (const o of w.orders.values()) {
    if (o.promised > w.now) continue;
    const name = classes[orderClass(w, o.id)]!.name;
    const d = openDue.get(name) ?? { orders: 0, lines: 0 };
    d.orders++;
    d.lines += o.lines.length;
    openDue.set(name, d);
  }
  const byClass: Record<string, unknown> = {};
  for (const c of classes) {
    const t = tallies[c.name];
    const open = openDue.get(c.name) ?? { orders: 0, lines: 0 };
    const shipped = t?.shipped ?? 0;
    const due = shipped + (t?.shortShipped ?? 0) + (t?.cancelled ?? 0) + open.orders;
    const linesDue = (t?.lines ?? 0) + open.lines;
    byClass[c.name] = {
      priority: c.priority,
      due,
      shipped,
      onTimeRate: ratio(t?.onTime ?? 0, due),
      orderFillRate: ratio(shipped, due),
      linesDue,
      lineFillRate: ratio(t?.linesComplete ?? 0, linesDue),
    };
  }
  return { byClass };
}

/** The flow's handlers: its KPI section (`customerClasses.byClass.<name>` in kpis.json). */
export const customerClassFlow = customerClasses.flow({ kpis: customerClassKpis });
