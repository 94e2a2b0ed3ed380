import { fnc1Required, lookupAi } from './aiLookup.ts';
import type { Gs1Element } from './gs1Element.ts';

/** Written forms of an element string. */
export type ElementStringForm = 'bracketed' | 'caret' | 'scan';

/** ASCII 29, the group separator scanners send for FNC1. */
export const GS = '\u001d';

/**
 * Write elements as text:
 * - `bracketed`: `(01)09506000134352(10)ABC`, with `(` in values escaped as `\(`;
 * - `caret`: `^0109506000134352^10ABC`, FNC1 as `^`, first and after each AI not of predefined length;
 * - `scan`: what a scanner sends after its AIM prefix: no leading FNC1, GS (ASCII 29) separators,
 *   none after the last AI.
 */
export function formatElementString(
  elements: readonly Gs1Element[],
  form: ElementStringForm = 'bracketed',
): string {
  if (form === 'bracketed') return elements.map((e) => `(${e.ai})${e.value.replaceAll('(', '\\(')}`).join('');
  const separator = form === 'caret' ? '^' : GS;
  let out = form === 'caret' ? '^' : '';
  elements.forEach((e, i) => {
    out += e.ai + e.value;
    const entry = lookupAi(e.ai, { permitUnknownAIs: true });
    if (i < elements.length - 1 && (!entry || fnc1Required(entry))) out += separator;
  });
  return out;
}
