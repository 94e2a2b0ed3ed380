import { binCheckString } from '../../layout/binCode.ts';

/** One label of the on-screen floor kit: what a scanner would send for it. */
export interface KitLabel {
  kind: 'bin' | 'item';
  /** What is printed under the barcode. */
  title: string;
  /** The scan as a wedge scanner sends it (symbology identifier, GS1 element string). */
  data: string;
  /** An item label's GTIN and lot (for printing it as a GS1 barcode). */
  gtin?: string;
  lot?: string;
}

/** An item label of the kit for a GTIN and lot. */
export function itemLabel(sku: string, gtin: string, lot: string): KitLabel {
  return {
    kind: 'item',
    title: `${sku}${lot ? ` lot ${lot}` : ''}`,
    data: itemLabelData(gtin, lot),
    gtin,
    ...(lot ? { lot } : {}),
  };
}

/** A bin label's scan: the code and its check digits, as the site prints them. */
export function binLabelData(code: string): string {
  return `${code} ${binCheckString(code)}`;
}

/** An item label's GS1 element string: GTIN (01) and, for a lot, batch (10), with the GS-128 prefix. */
export function itemLabelData(gtin: string, lot: string): string {
  return `]C101${gtin}${lot ? `10${lot}` : ''}`;
}
