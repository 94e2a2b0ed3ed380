import type { World } from '../../engine/world.ts';
import { Fenwick } from '../../core/fenwick.ts';
import { itemOfSku } from '../replenishment/faceStock.ts';
import { storageBins } from './binStock.ts';
import { countingState, type CountingState } from './countingState.ts';

const HOUR = 3_600_000;
const RANK: Record<string, number> = { A: 0, B: 1, C: 2 };
/** Rank of a bin with no record of a known item: it weighs as C. */
const EMPTY_RANK = 2;

/**
 * Records per velocity rank (0 = A … 2 = C) in every bin of the system ledger, kept up to date
 * from ledger changes, so the fastest class stored in a bin is three reads, not a walk over
 * every record. Derived state: built in one pass on first use (after a restore too), never saved.
 */
export class BinRanks {
  private readonly counts: Int32Array;

  /** Follows the world's system ledger from now on. */
  constructor(private readonly w: World) {
    this.counts = new Int32Array(w.site.layout!.bins.length * 3);
    for (const r of w.system.all()) this.change(w.site.binIndex.get(r.bin), itemOfSku(w, r.sku), 1);
    // The ledger's integer keys are the site's indexes; a ledger without keys gives -1.
    w.system.listen((bin, sku, _lot, _status, before, after, _rec, binKey, skuKey) => {
      const d = before === 0 && after > 0 ? 1 : before > 0 && after === 0 ? -1 : 0;
      if (d === 0) return;
      const b = binKey >= 0 ? binKey : w.site.binIndex.get(bin);
      this.change(b, skuKey >= 0 ? skuKey : itemOfSku(w, sku), d);
    });
  }

  /** Fastest velocity rank stored in a bin (by index); EMPTY_RANK when it holds no known item. */
  rankOf(bin: number): number {
    const c = this.counts;
    const k = bin * 3;
    return c[k]! > 0 ? 0 : c[k + 1]! > 0 ? 1 : EMPTY_RANK;
  }

  private change(bin: number | undefined, item: number, d: number): void {
    if (bin === undefined || item < 0) return;
    const rank = RANK[this.w.site.items[item]!.velocityClass] ?? 2;
    this.counts[bin * 3 + rank]! += d;
  }
}

/** Per-world derived draw state: bin ranks, and the ABC weights of the current hour as a tree. */
interface DrawIndex {
  ranks: BinRanks;
  /** Hour the tree was built for (-1: none). */
  hour: number;
  tree: Fenwick | null;
}

const indexes = new WeakMap<World, DrawIndex>();

function drawIndex(w: World): DrawIndex {
  let x = indexes.get(w);
  if (!x) indexes.set(w, (x = { ranks: new BinRanks(w), hour: -1, tree: null }));
  return x;
}

/**
 * Fastest velocity rank of each storage bin (in `storageBins` order), as of the first draw of
 * the current sim hour: an hour-old view is plenty for choosing what to count. Saved in the flow
 * state (`classCache`), so a resumed run draws from exactly what the original saw.
 */
export function hourRanks(w: World): number[] {
  const hour = Math.floor(w.now / HOUR);
  const s = countingState(w);
  upgradeCache(w, s);
  if (s.classCache && s.classCache.hour === hour) return s.classCache.ranks;
  const { ranks } = drawIndex(w);
  const bins = storageBins(w);
  const out = new Array<number>(bins.length);
  for (let i = 0; i < bins.length; i++) out[i] = ranks.rankOf(bins[i]!);
  s.classCache = { hour, ranks: out };
  return out;
}

/**
 * The ABC weights of this hour's ranks as a Fenwick tree, or null when a weight is not an integer
 * (then a linear walk must do: only integer sums are exact in any order, and the draw must land
 * where the linear walk in bin order lands).
 */
export function abcTree(w: World, byRank: readonly number[]): Fenwick | null {
  if (!byRank.every((x) => Number.isInteger(x))) return null;
  const ranks = hourRanks(w);
  const x = drawIndex(w);
  const hour = countingState(w).classCache!.hour;
  if (x.tree && x.hour === hour) return x.tree;
  x.tree ??= new Fenwick(ranks.length);
  x.tree.setAll(ranks.map((r) => byRank[r]!));
  x.hour = hour;
  return x.tree;
}

/** A snapshot taken before ranks were saved by storage position carries them by bin code. */
function upgradeCache(w: World, s: CountingState): void {
  const c = s.classCache as { hour: number; ranks?: number[]; best?: Record<string, number> } | undefined;
  if (!c || c.ranks || !c.best) return;
  const best = c.best;
  const layout = w.site.layout!;
  s.classCache = {
    hour: c.hour,
    ranks: [...storageBins(w)].map((b) => best[layout.bins[b]!.code] ?? EMPTY_RANK),
  };
}
