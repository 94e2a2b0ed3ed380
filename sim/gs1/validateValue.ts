import type { AiEntry } from './aiEntry.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';
import { LINTERS } from './linters.ts';
import type { LintContext } from './lintFailure.ts';

/**
 * Length and content check run while splitting data, before the linters: a value outside the
 * entry's total length range is reported as such rather than as, say, a bad check digit, and
 * a literal `^` is refused because it would be read back as FNC1.
 */
export function checkValueLength(entry: AiEntry, value: string, position = 0): Gs1Issue | null {
  let min = 0;
  let max = 0;
  for (const c of entry.components) {
    if (!c.optional) min += c.min;
    max += c.max;
  }
  const ai = entry.ai;
  if (value === '') return gs1Issue('EMPTY_VALUE', `AI (${ai}) has no value`, { ai, position });
  if (value.length < min) {
    return gs1Issue('VALUE_TOO_SHORT', `AI (${ai}) value is too short: ${value.length} < ${min}`, {
      ai,
      position,
    });
  }
  if (value.length > max) {
    return gs1Issue('VALUE_TOO_LONG', `AI (${ai}) value is too long: ${value.length} > ${max}`, {
      ai,
      position,
    });
  }
  const caret = value.indexOf('^');
  if (caret >= 0) {
    return gs1Issue('ILLEGAL_CARET', `AI (${ai}) value contains "^", which means FNC1`, {
      ai,
      position: position + caret,
    });
  }
  return null;
}

/** How much of the data an AI's components consumed, or why they did not fit. */
export type ValueLint = { readonly consumed: number } | { readonly issue: Gs1Issue };

/**
 * Apply an AI's components to the data that follows it (up to the next FNC1 or the end),
 * each taking at most its maximum length, running the character-set check and then the
 * component's linters. Optional components are skipped once the data is exhausted. Returns
 * how many characters were consumed, so the caller can tell a fixed-length AI from one that
 * ran on too long. `position` is where `data` starts in the caller's string.
 */
export function lintAiValue(entry: AiEntry, data: string, ctx: LintContext, position = 0): ValueLint {
  const ai = entry.ai;
  if (data === '') return { issue: gs1Issue('EMPTY_VALUE', `AI (${ai}) has no value`, { ai, position }) };
  let p = 0;
  for (const component of entry.components) {
    const length = Math.min(data.length - p, component.max);
    if (component.optional && length === 0) continue;
    if (length < component.min) {
      return { issue: gs1Issue('VALUE_TOO_SHORT', `AI (${ai}) value is too short`, { ai, position }) };
    }
    const part = data.slice(p, p + length);
    for (const name of [`cset:${component.cset}`, ...(component.linters ?? [])]) {
      const linter = LINTERS[name];
      // Every linter the dictionary names exists (aiTable.test.ts checks), so this is a guard.
      if (!linter) continue;
      const failure = linter(part, ctx);
      if (failure) {
        const where = p + failure.position;
        const end = where + failure.length;
        const shown = `${data.slice(0, where)}|${data.slice(where, end)}|${data.slice(end, p + length)}`;
        return {
          issue: gs1Issue(
            failure.code,
            `AI (${ai}): ${failure.code.toLowerCase().replaceAll('_', ' ')} at (${ai})${shown}`,
            {
              ai,
              linter: name,
              position: position + where,
            },
          ),
        };
      }
    }
    p += length;
  }
  return { consumed: p };
}
