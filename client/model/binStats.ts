import { type ViewState, BinFlag } from '../../sim/viewApi.ts';

/**
 * Per-bin facts the view state does not carry but the heatmaps need, accumulated on the client
 * from the changes it sees: picks (physical quantity going down while not being counted) and
 * the last time a count finished in the bin. Fixed-size typed arrays by bin row, so a screen
 * that runs for days holds the same memory as after a minute. Counts start at connection.
 */
export class BinStats {
  /** Picks seen per bin row. */
  readonly picks: Uint32Array;
  /** Sim time a count last finished in the bin, -1 when none was seen. */
  readonly lastCounted: Float64Array;
  private prevQty: Float64Array;
  private prevStatus: Uint8Array;
  private readonly codeRow = new Map<string, number>();

  constructor(view: ViewState) {
    const n = view.bins.code.length;
    this.picks = new Uint32Array(n);
    this.lastCounted = new Float64Array(n).fill(-1);
    this.prevQty = view.bins.physicalQty.slice();
    this.prevStatus = view.bins.status.slice();
    view.bins.code.forEach((c, i) => this.codeRow.set(c, i));
  }

  /** True when these stats were built for a view with the same bins (same run layout). */
  fits(view: ViewState): boolean {
    return (
      view.bins.code.length === this.picks.length &&
      (view.bins.code.length === 0 || this.codeRow.has(view.bins.code[0]!))
    );
  }

  /** Takes in the next view: counts drops in physical quantity as picks, count ends as counts. */
  observe(view: ViewState): void {
    const b = view.bins;
    for (let i = 0; i < b.physicalQty.length; i++) {
      const q = b.physicalQty[i]!;
      const s = b.status[i]!;
      const wasCounting = (this.prevStatus[i]! & BinFlag.counting) !== 0;
      if (q < this.prevQty[i]! && !wasCounting && (s & BinFlag.counting) === 0) this.picks[i]!++;
      if (wasCounting && (s & BinFlag.counting) === 0) this.lastCounted[i] = view.simTime;
    }
    // The view's columns are fresh copies per delta (copy on write), so keeping them is safe.
    this.prevQty = b.physicalQty;
    this.prevStatus = b.status;
  }

  /** Records a count event for a bin by code (from an `alert` event such as `count.posted`). */
  counted(code: string, simTime: number): void {
    const row = this.codeRow.get(code);
    if (row !== undefined) this.lastCounted[row] = Math.max(this.lastCounted[row]!, simTime);
  }

  /** Largest pick count (for scaling the heatmap). */
  maxPicks(): number {
    let m = 0;
    for (const p of this.picks) if (p > m) m = p;
    return m;
  }
}
