import { fnc1Required, matchAiAt } from './aiLookup.ts';
import { failed, type ElementsResult } from './elementsResult.ts';
import type { Gs1Element } from './gs1Element.ts';
import { gs1Issue } from './gs1Issue.ts';
import { lintContext, type Gs1ParseOptions } from './gs1ParseOptions.ts';
import { lintAiValue } from './validateValue.ts';

/**
 * Parse and lint an unbracketed element string in `^` form (`^0109506000134352^10ABC`, where
 * `^` is FNC1; a leading `^` marks GS1 data). Predefined-length AIs end by length; any other
 * AI runs to the next `^` or the end, and is an error if its components are satisfied before
 * that, which is how a missing separator shows up when the swallowed data is too long.
 * Pairing rules (req/ex) are not checked here: see validateAssociations.
 */
export function parseElementString(dataStr: string, options: Gs1ParseOptions = {}): ElementsResult {
  if (!dataStr.startsWith('^')) {
    return failed(gs1Issue('MISSING_FNC1_IN_FIRST', 'GS1 data must start with FNC1 (^)', { position: 0 }));
  }
  if (dataStr.length === 1) return failed(gs1Issue('EMPTY_DATA', 'The AI data is empty', { position: 1 }));
  const ctx = lintContext(options);
  const elements: Gs1Element[] = [];
  let p = 1;
  while (p < dataStr.length) {
    const entry = matchAiAt(dataStr, p, options);
    if (!entry) {
      const head = dataStr.slice(p, p + 4);
      return failed(gs1Issue('UNKNOWN_AI', `No known AI is a prefix of "${head}..."`, { position: p }));
    }
    const ai = entry.ai;
    p += ai.length;
    const next = dataStr.indexOf('^', p);
    const end = next < 0 ? dataStr.length : next;
    const lint = lintAiValue(entry, dataStr.slice(p, end), ctx, p);
    if ('issue' in lint) return failed(lint.issue);
    elements.push({ ai, value: dataStr.slice(p, p + lint.consumed), title: entry.title });
    p += lint.consumed;
    if (fnc1Required(entry) && p < end) {
      return failed(
        gs1Issue(
          'VALUE_TOO_LONG',
          `AI (${ai}) value is too long: is a separator (GS/FNC1) missing after it?`,
          {
            ai,
            position: p,
          },
        ),
      );
    }
    // A separator after a predefined-length AI, or at the very end, is superfluous but harmless.
    if (dataStr.charAt(p) === '^') p++;
  }
  return { ok: true, elements, dataStr };
}
