/**
 * One count decision as the analytics see it: what was booked, what was found, what the site
 * did about it. The counting flow appends one per submitted count (first counts and recounts).
 */
export interface CountRecord {
  /** Count document code (`CC0000012`). */
  count: string;
  t: number;
  bin: string;
  zone: string;
  sku: string;
  lot: string;
  systemQty: number;
  countedQty: number;
  /** Within the class tolerance. */
  within: boolean;
  /** First count of the request (recounts are false): IRA as counted uses first counts only. */
  first: boolean;
  counter: string;
  /** Adjustment posted to the system, base units (0 when none). */
  adjustment: number;
  /** Unit cost × |adjustment|. */
  value: number;
  /** Root-cause code given with the adjustment, '' when none. */
  rootCause: string;
}
