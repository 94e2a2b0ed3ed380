/** What a linter reports: a GS1 linter code and the offending span within the component. */
export interface LintFailure {
  /** Reference linter code without the `GS1_LINTER_` prefix, e.g. `INCORRECT_CHECK_DIGIT`. */
  readonly code: string;
  /** Offset of the bad data within the component. */
  readonly position: number;
  /** Length of the bad data. */
  readonly length: number;
}

/** Settings the linters need from outside; sim/ has no clock, so the reference year is given. */
export interface LintContext {
  /** Year that two-digit years are placed around (GS1 sliding window). */
  readonly referenceYear: number;
}

/** A content check on one AI component; null means the data passes. */
export type Linter = (data: string, ctx: LintContext) => LintFailure | null;

/** Shorthand for a failure. */
export function fail(code: string, position: number, length: number): LintFailure {
  return { code, position, length };
}

/** Offset of the first character of `data` that is not in `allowed`, or -1. */
export function firstNotIn(data: string, allowed: (c: string) => boolean): number {
  for (let i = 0; i < data.length; i++) if (!allowed(data.charAt(i))) return i;
  return -1;
}

/** True for the ASCII digits 0-9. */
export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** The gcppos1 rule: the data must start with at least four digits (the shortest GS1 Company Prefix). */
export function lintGcp(data: string): LintFailure | null {
  if (data.length < 4) return fail('TOO_SHORT_FOR_GCP', 0, data.length);
  for (let i = 0; i < 4; i++) if (!isDigit(data.charAt(i))) return fail('INVALID_GCP_PREFIX', i, 1);
  return null;
}
