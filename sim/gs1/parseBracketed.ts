import { fnc1Required, lookupAi } from './aiLookup.ts';
import { failed, type ElementsResult } from './elementsResult.ts';
import type { Gs1Element } from './gs1Element.ts';
import { gs1Issue } from './gs1Issue.ts';
import { lintContext, type Gs1ParseOptions } from './gs1ParseOptions.ts';
import { checkValueLength, lintAiValue } from './validateValue.ts';

/**
 * Parse and lint bracketed AI data such as `(01)09506000134352(10)ABC`. A literal `(` inside
 * a value is written `\(`. Brackets delimit every value, so no separator can go missing; the
 * result also carries the equivalent `^` form. Pairing rules are not checked here.
 */
export function parseBracketed(input: string, options: Gs1ParseOptions = {}): ElementsResult {
  if (input === '') return failed(gs1Issue('EMPTY_DATA', 'No bracketed AI data', { position: 0 }));
  const ctx = lintContext(options);
  const elements: Gs1Element[] = [];
  let dataStr = '';
  let fnc1 = true;
  let p = 0;
  while (p < input.length) {
    if (input.charAt(p) !== '(') {
      return failed(gs1Issue('BRACKETED_SYNTAX', 'Expected "(" to start an AI', { position: p }));
    }
    const close = input.indexOf(')', p + 1);
    if (close < 0) return failed(gs1Issue('BRACKETED_SYNTAX', 'AI is not closed with ")"', { position: p }));
    const ai = input.slice(p + 1, close);
    const entry = lookupAi(ai, options);
    if (!entry) return failed(gs1Issue('UNKNOWN_AI', `Unrecognised AI (${ai})`, { position: p + 1 }));

    // The value runs to the next unescaped "(" or the end; "\(" is a data bracket.
    let value = '';
    let r = close + 1;
    let q = input.indexOf('(', r);
    while (q > r && input.charAt(q - 1) === '\\') {
      value += `${input.slice(r, q - 1)}(`;
      r = q + 1;
      q = input.indexOf('(', r);
    }
    if (q < 0) q = input.length;
    value += input.slice(r, q);

    const bad = checkValueLength(entry, value, close + 1);
    if (bad) return failed(bad);
    const lint = lintAiValue(entry, value, ctx, close + 1);
    if ('issue' in lint) return failed(lint.issue);
    if (lint.consumed < value.length) {
      return failed(gs1Issue('VALUE_TOO_LONG', `AI (${ai}) value is too long`, { ai, position: close + 1 }));
    }
    elements.push({ ai: entry.ai, value, title: entry.title });
    dataStr += `${fnc1 ? '^' : ''}${ai}${value}`;
    fnc1 = fnc1Required(entry);
    p = q;
  }
  return { ok: true, elements, dataStr };
}
