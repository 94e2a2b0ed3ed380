import type { AiLookupOptions } from './aiLookup.ts';
import { DEFAULT_REFERENCE_YEAR } from './gs1Date.ts';
import type { LintContext } from './lintFailure.ts';

/** Options every GS1 parser here accepts. */
export interface Gs1ParseOptions extends AiLookupOptions {
  /** Year two-digit dates are placed around (GS1 sliding window); default 2026, as sim/ has no clock. */
  readonly referenceYear?: number;
}

/** The linter context for a set of options. */
export function lintContext(options: Gs1ParseOptions): LintContext {
  return { referenceYear: options.referenceYear ?? DEFAULT_REFERENCE_YEAR };
}
