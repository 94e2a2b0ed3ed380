import type { Gs1Element } from './gs1Element.ts';
import type { Gs1Issue } from './gs1Issue.ts';

/** Outcome of turning some GS1 syntax into elements: the elements, or why not. */
export type ElementsResult =
  | {
      readonly ok: true;
      /** The AIs in the order they were given. */
      readonly elements: readonly Gs1Element[];
      /** Canonical unbracketed form: leading `^` is FNC1-in-first, inner `^` separate AIs. */
      readonly dataStr: string;
    }
  | { readonly ok: false; readonly errors: readonly Gs1Issue[] };

/** A failed result with one issue. */
export function failed(issue: Gs1Issue): ElementsResult {
  return { ok: false, errors: [issue] };
}
