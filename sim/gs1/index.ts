/** Public surface of the GS1 barcode parser: scans, element strings, Digital Link, accessors. */
export { parseScan, type ParseScanOptions } from './parseScan.ts';
export type {
  ScanResult,
  ScanSuccess,
  ScanFailure,
  Gs1Scan,
  DigitalLinkScan,
  LocationScan,
  TextScan,
} from './scanResult.ts';
export type { Gs1Element } from './gs1Element.ts';
export type { Gs1Issue, Gs1ErrorCode, LintCode } from './gs1Issue.ts';
export type { Symbology } from './symbology.ts';
export type { ElementsResult } from './elementsResult.ts';
export type { Gs1ParseOptions } from './gs1ParseOptions.ts';
export { parseElementString } from './parseElementString.ts';
export { parseBracketed } from './parseBracketed.ts';
export { validateAssociations } from './validateAssociations.ts';
export { findMissingSeparators } from './missingSeparator.ts';
export { parseDigitalLink, type DigitalLinkOptions, type DigitalLinkResult } from './parseDigitalLink.ts';
export { buildDigitalLink, CANONICAL_DL_STEM, type BuildDigitalLinkResult } from './buildDigitalLink.ts';
export { formatElementString, GS, type ElementStringForm } from './formatElementString.ts';
export { parseBinLabel, type BinLocation } from './binLocation.ts';
export { gs1CheckDigit, hasValidGs1CheckDigit, gs1CheckCharacterPair } from './checkDigits.ts';
export { DEFAULT_REFERENCE_YEAR, fullYear, yymmddToIso } from './gs1Date.ts';
export { lookupAi } from './aiLookup.ts';
export { AI_TABLE, AI_DICTIONARY_RELEASE } from './generated/aiTable.ts';
export * from './warehouseScan.ts';
