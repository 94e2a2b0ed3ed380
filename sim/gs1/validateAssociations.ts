import { lookupAi } from './aiLookup.ts';
import type { Gs1Element } from './gs1Element.ts';
import { gs1Issue, type Gs1Issue } from './gs1Issue.ts';

// Dictionary patterns write `n` for "any digit", as in `310n` or `31nn`.
function matches(pattern: string, ai: string): boolean {
  if (pattern.length !== ai.length) return false;
  for (let i = 0; i < ai.length; i++) {
    const p = pattern.charAt(i);
    if (p !== 'n' && p !== ai.charAt(i)) return false;
  }
  return true;
}

// An AI is never paired with itself, even when its own pattern matches it.
function present(pattern: string, self: string, ais: readonly string[]): string | undefined {
  return ais.find((ai) => ai !== self && matches(pattern, ai));
}

/**
 * Check the dictionary's pairing rules over all the AIs read from one item: repeated AIs must
 * carry the same value, no `ex=` partner may be present, and each `req=` attribute must be met
 * by one of its alternatives (all AIs of an alternative like `01+21`). Returns every problem.
 */
export function validateAssociations(elements: readonly Gs1Element[]): Gs1Issue[] {
  const issues: Gs1Issue[] = [];
  const ais = elements.map((e) => e.ai);
  const seen = new Map<string, string>();
  for (const { ai, value } of elements) {
    const earlier = seen.get(ai);
    if (earlier !== undefined && earlier !== value) {
      issues.push(gs1Issue('DUPLICATE_AI', `AI (${ai}) appears with different values`, { ai }));
    }
    seen.set(ai, value);
  }
  for (const ai of new Set(ais)) {
    const entry = lookupAi(ai, { permitUnknownAIs: true });
    if (!entry) continue;
    for (const pattern of entry.ex ?? []) {
      const other = present(pattern, ai, ais);
      if (other !== undefined) {
        issues.push(gs1Issue('INVALID_AI_PAIR', `AI (${ai}) must not be used with AI (${other})`, { ai }));
      }
    }
    for (const alternatives of entry.req ?? []) {
      if (alternatives.some((all) => all.every((pattern) => present(pattern, ai, ais) !== undefined)))
        continue;
      const wanted = alternatives.map((all) => all.join('+')).join(' or ');
      issues.push(gs1Issue('REQUIRED_AI_MISSING', `AI (${ai}) requires AI ${wanted}`, { ai }));
    }
  }
  return issues;
}
