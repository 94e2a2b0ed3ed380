/** Symbologies named as the GS1 reference engine names them, plus plain Code 128 / Code 39. */
export type Symbology =
  | 'NONE'
  | 'GS1_128_CCA'
  | 'EAN13'
  | 'EAN8'
  | 'DataBarExpanded'
  | 'DM'
  | 'QR'
  | 'DotCode'
  | 'Code128'
  | 'Code39';

/** How a symbology's payload is read: GS1 element string, EAN/UPC primary, or plain data. */
export type PayloadMode = 'gs1' | 'ean13' | 'ean8' | 'plain';

/** What an AIM symbology identifier says about the data behind it. */
export interface SymbologyId {
  /** The symbology. */
  readonly symbology: Symbology;
  /** How to read the payload. */
  readonly mode: PayloadMode;
}

// AIM identifiers (ISO/IEC 15424) the site's scanners send. `]e0` also carries GS1-128
// composites; UPC-A arrives as `]E0` with 13 digits.
const SYMBOLOGY_IDS: Readonly<Record<string, SymbologyId>> = {
  C1: { symbology: 'GS1_128_CCA', mode: 'gs1' },
  C0: { symbology: 'Code128', mode: 'plain' },
  A0: { symbology: 'Code39', mode: 'plain' },
  E0: { symbology: 'EAN13', mode: 'ean13' },
  E4: { symbology: 'EAN8', mode: 'ean8' },
  e0: { symbology: 'DataBarExpanded', mode: 'gs1' },
  d1: { symbology: 'DM', mode: 'plain' },
  d2: { symbology: 'DM', mode: 'gs1' },
  Q1: { symbology: 'QR', mode: 'plain' },
  Q3: { symbology: 'QR', mode: 'gs1' },
  J0: { symbology: 'DotCode', mode: 'plain' },
  J1: { symbology: 'DotCode', mode: 'gs1' },
};

/** The symbology behind a two-character AIM code (`C1` of `]C1`), or undefined if unsupported. */
export function symbologyId(code: string): SymbologyId | undefined {
  return Object.hasOwn(SYMBOLOGY_IDS, code) ? SYMBOLOGY_IDS[code] : undefined;
}
