/** One order line waiting for units of the item being received. */
export interface CrossDockDemand {
  order: number;
  /** Order line index. */
  line: number;
  /** Units still unallocated. */
  need: number;
  /** Promised ship time (earliest served first). */
  promised: number;
}

/** Units of a received line given to one waiting order line. */
export interface CrossDockShare {
  order: number;
  line: number;
  qty: number;
}

/**
 * Shares `supply` received units among waiting order lines: earliest promise first, then oldest
 * order, then line order (the order backorder retries use), each line filled as far as the units
 * go. What is left over goes to putaway. Pure: the flow gathers the demand, this decides.
 */
export function planCrossDock(supply: number, demands: readonly CrossDockDemand[]): CrossDockShare[] {
  const sorted = [...demands].sort((a, b) => a.promised - b.promised || a.order - b.order || a.line - b.line);
  const out: CrossDockShare[] = [];
  let left = supply;
  for (const d of sorted) {
    if (left <= 0) break;
    if (d.need <= 0) continue;
    const qty = Math.min(left, d.need);
    out.push({ order: d.order, line: d.line, qty });
    left -= qty;
  }
  return out;
}
