import type { BinLocation } from './binLocation.ts';
import type { Gs1Element } from './gs1Element.ts';
import type { Gs1Issue } from './gs1Issue.ts';
import type { Symbology } from './symbology.ts';

/** What every successful scan carries. */
interface ScanBase {
  readonly ok: true;
  /** Symbology from the AIM identifier; `NONE` when the scanner sent none. */
  readonly symbology: Symbology;
  /** The AIM identifier as sent (`]C1`), or null. */
  readonly aim: string | null;
  /** GS1 AIs read, in order; empty for bin labels and plain text. */
  readonly elements: readonly Gs1Element[];
  /**
   * The payload in the GS1 reference engine's canonical form: `^`-form AI data, the digits of an
   * EAN/UPC (`|^...` for a composite), a DL URI or plain text (a leading `^` escaped as `\^`).
   */
  readonly dataStr: string;
  /** Problems that did not stop the scan (e.g. a suspected missing separator when not strict). */
  readonly warnings: readonly Gs1Issue[];
}

/** GS1 element string, EAN/UPC or composite. */
export interface Gs1Scan extends ScanBase {
  readonly kind: 'gs1';
}

/** GS1 Digital Link URI. */
export interface DigitalLinkScan extends ScanBase {
  readonly kind: 'digitalLink';
  /** The URI as scanned. */
  readonly uri: string;
  /** Scheme, domain and any path before the primary key. */
  readonly stem: string;
}

/** A bin label in the site's code format. */
export interface LocationScan extends ScanBase, BinLocation {
  readonly kind: 'location';
}

/** Plain data that is neither GS1 nor a bin label (only from symbologies that allow it). */
export interface TextScan extends ScanBase {
  readonly kind: 'text';
  /** The data as scanned. */
  readonly text: string;
}

/** A scan that could not be accepted; `errors` says why (first the one that stopped it). */
export interface ScanFailure {
  readonly ok: false;
  /** The AIM identifier as sent, if any. */
  readonly aim: string | null;
  /** Why the scan was refused. */
  readonly errors: readonly Gs1Issue[];
}

/** Successful scans of any kind. */
export type ScanSuccess = Gs1Scan | DigitalLinkScan | LocationScan | TextScan;

/** Result of parseScan: never thrown, always one of these. */
export type ScanResult = ScanSuccess | ScanFailure;
