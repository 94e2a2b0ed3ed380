import { DEFAULT_REFERENCE_YEAR, yymmddToIso } from './gs1Date.ts';
import type { Gs1Element } from './gs1Element.ts';
import type { ScanResult } from './scanResult.ts';

/** Where the accessors read AIs from: a scan result or its elements. */
export type Gs1Source = ScanResult | readonly Gs1Element[];

function elementsOf(source: Gs1Source): readonly Gs1Element[] {
  if (Array.isArray(source)) return source as readonly Gs1Element[];
  const result = source as ScanResult;
  return result.ok ? result.elements : [];
}

/** The value of the first element with one of the given AIs (in that order of preference). */
export function aiValue(source: Gs1Source, ...ais: string[]): string | undefined {
  const elements = elementsOf(source);
  for (const ai of ais) {
    const found = elements.find((e) => e.ai === ai);
    if (found) return found.value;
  }
  return undefined;
}

/** SSCC of a logistic unit, AI (00). */
export function getSscc(source: Gs1Source): string | undefined {
  return aiValue(source, '00');
}

/** GTIN-14: of the item, AI (01), else of the trade items contained in a logistic unit, AI (02). */
export function getGtin(source: Gs1Source): string | undefined {
  return aiValue(source, '01', '02');
}

/** Batch/lot number, AI (10). */
export function getLot(source: Gs1Source): string | undefined {
  return aiValue(source, '10');
}

/** Serial number, AI (21). */
export function getSerial(source: Gs1Source): string | undefined {
  return aiValue(source, '21');
}

/** Expiry (use by) date, AI (17), as an ISO date; day 00 is the month's last day. */
export function getExpiry(
  source: Gs1Source,
  referenceYear: number = DEFAULT_REFERENCE_YEAR,
): string | undefined {
  const v = aiValue(source, '17');
  return v === undefined ? undefined : (yymmddToIso(v, referenceYear) ?? undefined);
}

/** Best before date, AI (15), as an ISO date. */
export function getBestBefore(
  source: Gs1Source,
  referenceYear: number = DEFAULT_REFERENCE_YEAR,
): string | undefined {
  const v = aiValue(source, '15');
  return v === undefined ? undefined : (yymmddToIso(v, referenceYear) ?? undefined);
}

/** Count of items, AI (30) variable count, else AI (37) count of trade items in a logistic unit. */
export function getCount(source: Gs1Source): number | undefined {
  const v = aiValue(source, '30', '37');
  return v === undefined ? undefined : Number(v);
}

/** Net weight in kg from AI (310n), whose last digit n is the number of decimals: (3103)001234 = 1.234 kg. */
export function getNetWeightKg(source: Gs1Source): number | undefined {
  const found = elementsOf(source).find((e) => /^310[0-5]$/.test(e.ai));
  // Integer over a power of ten: the division rounds once, to the double nearest the decimal.
  return found === undefined ? undefined : Number(found.value) / 10 ** Number(found.ai.charAt(3));
}

/** Customer purchase order number, AI (400). */
export function getPurchaseOrder(source: Gs1Source): string | undefined {
  return aiValue(source, '400');
}

/** Physical location GLN, AI (414). */
export function getGln(source: Gs1Source): string | undefined {
  return aiValue(source, '414');
}

/** GLN extension component (a sub-location of the GLN), AI (254). */
export function getGlnExtension(source: Gs1Source): string | undefined {
  return aiValue(source, '254');
}

/** The fields the warehouse flows act on, whichever kind of barcode carried them. */
export interface WarehouseScan {
  gtin?: string;
  sscc?: string;
  lot?: string;
  /** ISO date. */
  expiry?: string;
  /** ISO date. */
  bestBefore?: string;
  serial?: string;
  qty?: number;
  weightKg?: number;
  po?: string;
  gln?: string;
  glnExtension?: string;
  /** Site bin code from a bin label, e.g. `A-01-02-C`. */
  binCode?: string;
}

/** Reduce a successful scan to the warehouse fields it carries; null for a failed scan. */
export function toWarehouseScan(
  result: ScanResult,
  referenceYear: number = DEFAULT_REFERENCE_YEAR,
): WarehouseScan | null {
  if (!result.ok) return null;
  if (result.kind === 'location') return { binCode: result.code };
  const fields: WarehouseScan = {
    gtin: getGtin(result),
    sscc: getSscc(result),
    lot: getLot(result),
    expiry: getExpiry(result, referenceYear),
    bestBefore: getBestBefore(result, referenceYear),
    serial: getSerial(result),
    qty: getCount(result),
    weightKg: getNetWeightKg(result),
    po: getPurchaseOrder(result),
    gln: getGln(result),
    glnExtension: getGlnExtension(result),
  };
  // Leave absent fields out rather than present as undefined, so results compare and log cleanly.
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as WarehouseScan;
}
