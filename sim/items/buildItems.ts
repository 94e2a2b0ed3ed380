import type { HazardClass, TemperatureClass } from '../layout/types.ts';
import { abcClasses, zipfExponentFor, zipfWeights } from './demandCurve.ts';
import type { GeneratedItemSpec, ItemSpec, ListItemSpec } from './itemSpec.ts';
import { buildPackaging, chooseCaseQty } from './packaging.ts';
import type { Item } from './types.ts';

type Rng = () => number;

const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const logUniform = (rng: Rng, lo: number, hi: number): number => lo * Math.pow(hi / lo, rng());
const intBetween = (rng: Rng, lo: number, hi: number): number =>
  Math.floor(uniform(rng, Math.ceil(lo), Math.floor(hi) + 1));
const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Build the item master. The list form is deterministic and ignores `rng`; the generator
 * form draws everything from `rng` in a fixed order, so the same rng seed gives the same items.
 */
export function buildItems(spec: ItemSpec, rng: Rng): Item[] {
  return 'generate' in spec ? generateItems(spec, rng) : itemsFromList(spec);
}

/** Items from an explicit list; weights are normalised and missing ABC classes derived from them. */
export function itemsFromList(spec: ListItemSpec): Item[] {
  const total = spec.list.reduce((s, it) => s + it.demandWeight, 0);
  const weights = spec.list.map((it) => it.demandWeight / total);
  const abc = abcClasses(weights);
  return spec.list.map((it, index) => ({
    index,
    sku: it.sku,
    description: it.description,
    family: it.family,
    uoms: it.uoms.map((u) => ({ ...u })),
    baseUom: it.baseUom ?? (it.uoms[0]?.uom as string),
    lotControlled: it.lotControlled,
    shelfLifeDays: it.shelfLifeDays,
    serialControlled: it.serialControlled,
    temperature: it.temperature,
    hazard: it.hazard,
    velocityClass: it.velocityClass ?? (abc[index] as Item['velocityClass']),
    unitCost: it.unitCost,
    demandWeight: weights[index] as number,
  }));
}

/**
 * Synthetic item master with Zipf demand (exponent solved for the Pareto target unless
 * given). Demand ranks are shuffled over SKUs so popularity is independent of SKU number,
 * family and temperature, as it is in a real catalogue.
 */
export function generateItems(spec: GeneratedItemSpec, rng: Rng): Item[] {
  const g = spec.generate;
  const n = g.count;
  const offset = g.zipfOffset ?? Math.round(0.02 * n);
  const exponent = g.zipfExponent ?? zipfExponentFor(n, g.pareto.topShare, g.pareto.lineShare, offset);
  const byRank = zipfWeights(n, exponent, offset);
  const rankOf = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [rankOf[i], rankOf[j]] = [rankOf[j] as number, rankOf[i] as number];
  }
  const weights = rankOf.map((r) => byRank[r] as number);
  const abc = abcClasses(weights);
  const width = Math.max(6, String(n).length);

  const items: Item[] = [];
  for (let index = 0; index < n; index++) {
    const family = g.families[Math.floor(rng() * g.families.length)] as string;
    const t = rng();
    let temperature: TemperatureClass = 'ambient';
    let hazard: HazardClass = null;
    if (t < g.chilledShare) temperature = 'chilled';
    else if (t < g.chilledShare + g.frozenShare) temperature = 'frozen';
    else if (t < g.chilledShare + g.frozenShare + g.hazmatShare) {
      hazard = g.hazardClasses[Math.floor(rng() * g.hazardClasses.length)] as string;
    }
    // Perishables are always lot and expiry controlled; ambient lots usually carry a best-before.
    const lotControlled = temperature !== 'ambient' || rng() < g.lotControlledShare;
    let shelfLifeDays: number | null = null;
    if (temperature === 'chilled') shelfLifeDays = intBetween(rng, 5, 30);
    else if (temperature === 'frozen') shelfLifeDays = intBetween(rng, 180, 540);
    else if (lotControlled && rng() < 0.7) shelfLifeDays = intBetween(rng, 180, 1095);
    const serialControlled = rng() < g.serialControlledShare;

    const lengthCm = logUniform(rng, g.eachSizeCm[0], g.eachSizeCm[1]);
    const widthCm = lengthCm * uniform(rng, 0.4, 1);
    const heightCm = widthCm * uniform(rng, 0.3, 1);
    const volumeL = (lengthCm * widthCm * heightCm) / 1000;
    const weightKg = Math.max(0.01, volumeL * uniform(rng, 0.15, 1.0)); // density kg/L
    const innerPack = rng() < g.innerPackShare ? intBetween(rng, g.innerPackSize[0], g.innerPackSize[1]) : 0;
    const maxUnits = Math.floor(g.maxCaseVolumeL / volumeL);
    const caseQty = chooseCaseQty(rng, g.caseQty[0], g.caseQty[1], innerPack, maxUnits);
    const uoms = buildPackaging({
      companyPrefix: g.gs1CompanyPrefix,
      itemReference: index + 1,
      each: { lengthCm, widthCm, heightCm, weightKg },
      innerPack: caseQty > 0 ? innerPack : 0,
      caseQty,
      pallet: g.pallet,
    });
    const unitCost = Math.round(logUniform(rng, g.unitCost[0], g.unitCost[1]) * 100) / 100;
    const sku = `${g.skuPrefix}${g.skuPrefix ? '-' : ''}${String(index + 1).padStart(width, '0')}`;
    const cs = uoms.find((u) => u.uom === 'CS');
    items.push({
      index,
      sku,
      description: `${capitalise(family)} item ${index + 1}${cs ? `, case of ${cs.factor}` : ''}`,
      family,
      uoms,
      baseUom: 'EA',
      lotControlled,
      shelfLifeDays,
      serialControlled,
      temperature,
      hazard,
      velocityClass: abc[index] as Item['velocityClass'],
      unitCost,
      demandWeight: weights[index] as number,
    });
  }
  return items;
}
