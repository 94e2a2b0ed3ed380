import { fnc1Required, lookupAi } from './aiLookup.ts';
import { hasValidGs1CheckDigit } from './checkDigits.ts';
import type { Gs1Element } from './gs1Element.ts';
import { DEFAULT_REFERENCE_YEAR, yymmddError } from './gs1Date.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';

// Predefined-length AIs whose content validates itself (a check digit or a real date), so a
// run of them at the end of a value is very unlikely to be genuine lot or serial text.
type Rule = { length: number; valid: (v: string, referenceYear: number) => boolean };
const SELF_CHECKING: Readonly<Record<string, Rule>> = {
  '00': { length: 18, valid: hasValidGs1CheckDigit },
  '01': { length: 14, valid: hasValidGs1CheckDigit },
  '02': { length: 14, valid: hasValidGs1CheckDigit },
  ...Object.fromEntries(
    ['11', '12', '13', '15', '16', '17'].map((ai) => [
      ai,
      {
        length: 6,
        valid: (v: string, year: number) => /^\d{6}$/.test(v) && yymmddError(v, true, year) === null,
      },
    ]),
  ),
};

// Split `text` wholly into self-checking AIs, or return null.
function asSelfCheckingAis(text: string, referenceYear: number): Gs1Element[] | null {
  const rule = SELF_CHECKING[text.slice(0, 2)];
  if (!rule || text.length < 2 + rule.length) return null;
  const value = text.slice(2, 2 + rule.length);
  if (!/^\d+$/.test(value) || !rule.valid(value, referenceYear)) return null;
  const head: Gs1Element = { ai: text.slice(0, 2), value, title: lookupAi(text.slice(0, 2))?.title ?? '' };
  const rest = text.slice(2 + rule.length);
  if (rest === '') return [head];
  const tail = asSelfCheckingAis(rest, referenceYear);
  return tail ? [head, ...tail] : null;
}

/**
 * Scanner data loses an FNC1/GS when a label was printed wrongly: `10ABC` then `17261231`
 * read as one lot `ABC17261231`. When that stays within the lot's maximum length nothing in
 * the syntax is violated, so look for it: a variable-length value that ends in a complete run
 * of predefined-length AIs that validate themselves (GTIN/SSCC check digit, real date).
 * Returns one issue per suspicious value, with the likely split in the message.
 */
export function findMissingSeparators(
  elements: readonly Gs1Element[],
  referenceYear: number = DEFAULT_REFERENCE_YEAR,
): Gs1Issue[] {
  const issues: Gs1Issue[] = [];
  for (const { ai, value } of elements) {
    const entry = lookupAi(ai);
    if (!entry || !fnc1Required(entry)) continue;
    for (let cut = 1; cut < value.length - 2; cut++) {
      const swallowed = asSelfCheckingAis(value.slice(cut), referenceYear);
      if (!swallowed) continue;
      const split = swallowed.map((e) => `(${e.ai})${e.value}`).join('');
      issues.push(
        gs1Issue(
          'SUSPECTED_MISSING_SEPARATOR',
          `AI (${ai}) value "${value}" ends like ${split}: a GS separator is probably missing; ` +
            `read as (${ai})${value.slice(0, cut)}${split} only after checking the label`,
          { ai },
        ),
      );
      break;
    }
  }
  return issues;
}
