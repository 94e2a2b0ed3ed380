import { makeGtin14 } from './gtin.ts';
import type { UomLevel } from './types.ts';

/** Common retail pack sizes; real case quantities cluster on these. */
const packSizes = [4, 6, 8, 10, 12, 16, 18, 20, 24, 30, 36, 40, 48, 50, 60, 72, 96, 100, 120, 144];

/** GS1 indicator digit per packaging level, so each level's GTIN differs. */
const indicator: Record<string, number> = { EA: 0, IP: 1, CS: 2, PL: 3 };

/** Inputs to build one item's packaging hierarchy. */
export interface PackagingParams {
  companyPrefix: string;
  itemReference: number;
  /** One each: dimensions in cm (longest first) and weight in kg. */
  each: { lengthCm: number; widthCm: number; heightCm: number; weightKg: number };
  /** Eaches per inner pack, or 0 for no inner pack. */
  innerPack: number;
  /** Eaches per case (a multiple of innerPack), or 0 for no case level. */
  caseQty: number;
  pallet: { lengthCm: number; widthCm: number; maxHeightCm: number; maxWeightKg: number };
}

const round = (x: number, step: number): number => Math.round(x / step) * step;

/** Most compact a×b×c = q arrangement of units (smallest sum of outer sides, i.e. closest to a cube). */
function arrange(q: number, l: number, w: number, h: number): [number, number, number] {
  let best: [number, number, number] = [q, 1, 1];
  let bestScore = Infinity;
  for (let a = 1; a <= q; a++) {
    if (q % a !== 0) continue;
    for (let b = 1; b <= q / a; b++) {
      if ((q / a) % b !== 0) continue;
      const c = q / a / b;
      const score = a * l + b * w + c * h;
      if (score < bestScore - 1e-9) {
        bestScore = score;
        best = [a, b, c];
      }
    }
  }
  return best;
}

/**
 * Pack `q` units of `unit` into a shipper: outer dimensions are the unit grid plus a wall
 * allowance, weight is the contents plus packaging proportional to the outer volume, so a
 * case is always ≈ factor × each + packaging.
 */
function packInto(
  uom: string,
  factor: number,
  q: number,
  unit: UomLevel,
  wallCm: number,
  p: PackagingParams,
): UomLevel {
  const [a, b, c] = arrange(q, unit.lengthCm, unit.widthCm, unit.heightCm);
  const dims = [a * unit.lengthCm + wallCm, b * unit.widthCm + wallCm, c * unit.heightCm + wallCm].sort(
    (x, y) => y - x,
  );
  const volumeL = ((dims[0] as number) * (dims[1] as number) * (dims[2] as number)) / 1000;
  return {
    uom,
    factor,
    gtin: makeGtin14(indicator[uom] ?? 9, p.companyPrefix, p.itemReference),
    lengthCm: round(dims[0] as number, 0.1),
    widthCm: round(dims[1] as number, 0.1),
    heightCm: round(dims[2] as number, 0.1),
    weightKg: round(q * unit.weightKg + 0.02 + 0.004 * volumeL, 0.001),
  };
}

/**
 * Build EA → (IP) → (CS) → PL levels. The pallet is stacked from the largest level below it,
 * as many per layer as the footprint takes (either orientation) and as many layers as the
 * height and weight limits allow; an item too large for a pallet gets no PL level.
 */
export function buildPackaging(p: PackagingParams): UomLevel[] {
  const ea: UomLevel = {
    uom: 'EA',
    factor: 1,
    gtin: makeGtin14(0, p.companyPrefix, p.itemReference),
    lengthCm: round(p.each.lengthCm, 0.1),
    widthCm: round(p.each.widthCm, 0.1),
    heightCm: round(p.each.heightCm, 0.1),
    weightKg: round(p.each.weightKg, 0.001),
  };
  const levels = [ea];
  let top = ea;
  if (p.innerPack > 1) {
    top = packInto('IP', p.innerPack, p.innerPack, ea, 0.2, p);
    levels.push(top);
  }
  if (p.caseQty > top.factor) {
    top = packInto('CS', p.caseQty, p.caseQty / top.factor, top, 0.6, p);
    levels.push(top);
  }
  const { lengthCm: pl, widthCm: pw, maxHeightCm, maxWeightKg } = p.pallet;
  const deckCm = 15;
  const palletKg = 25;
  const perLayer = Math.max(
    Math.floor(pl / top.lengthCm) * Math.floor(pw / top.widthCm),
    Math.floor(pl / top.widthCm) * Math.floor(pw / top.lengthCm),
  );
  const layers = Math.min(
    Math.floor((maxHeightCm - deckCm) / top.heightCm),
    Math.floor((maxWeightKg - palletKg) / Math.max(perLayer * top.weightKg, 1e-9)),
  );
  if (perLayer >= 1 && layers >= 1) {
    const units = perLayer * layers;
    levels.push({
      uom: 'PL',
      factor: units * top.factor,
      gtin: makeGtin14(indicator.PL as number, p.companyPrefix, p.itemReference),
      lengthCm: pl,
      widthCm: pw,
      heightCm: round(layers * top.heightCm + deckCm, 0.1),
      weightKg: round(units * top.weightKg + palletKg, 0.001),
    });
  }
  return levels;
}

/** Pick a case quantity from common pack sizes in [lo, hi] that is a multiple of the inner pack and fits `maxUnits`. */
export function chooseCaseQty(
  rng: () => number,
  lo: number,
  hi: number,
  innerPack: number,
  maxUnits: number,
): number {
  const step = Math.max(1, innerPack);
  const fits = (q: number): boolean => q % step === 0 && q <= maxUnits && q > step;
  let options = packSizes.filter((q) => q >= lo && q <= hi && fits(q));
  if (options.length === 0) options = packSizes.filter(fits);
  if (options.length === 0) return 0;
  return options[Math.floor(rng() * options.length)] as number;
}
