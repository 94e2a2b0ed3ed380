import type { AiEntry } from './aiEntry.ts';
import { AI_TABLE } from './generated/aiTable.ts';

/** Options shared by the parsers about AIs the dictionary does not know. */
export interface AiLookupOptions {
  /** Accept AIs missing from the dictionary as free text (X1..90), as the reference engine can. */
  readonly permitUnknownAIs?: boolean;
}

const byAi = new Map<string, AiEntry>(AI_TABLE.map((e) => [e.ai, e]));

// All AIs sharing their first two digits have the same length; the dictionary tells us which.
const aiLengthByPrefix = new Map<string, number>(AI_TABLE.map((e) => [e.ai.slice(0, 2), e.ai.length]));

// GS1 General Specifications, "element strings with predefined length": value lengths of the
// two-digit prefixes that never need an FNC1 after them, whether allocated yet or not.
const predefinedValueLength = new Map<string, number>([
  ['00', 18],
  ['01', 14],
  ['02', 14],
  ['03', 14],
  ['04', 16],
  ...['11', '12', '13', '14', '15', '16', '17', '18', '19'].map((p): [string, number] => [p, 6]),
  ['20', 2],
  ...['31', '32', '33', '34', '35', '36'].map((p): [string, number] => [p, 6]),
  ['41', 13],
]);

/** True when an FNC1 (GS) must follow this AI's value unless it ends the message. */
export function fnc1Required(entry: AiEntry): boolean {
  return !entry.flags.includes('*');
}

/** True when the AI may appear as a GS1 Digital Link query-string data attribute. */
export function isDlDataAttribute(entry: AiEntry): boolean {
  return entry.flags.includes('?');
}

function vivify(ai: string): AiEntry {
  const fixed = predefinedValueLength.get(ai.slice(0, 2));
  return fixed === undefined
    ? { ai, flags: '', components: [{ cset: 'X', min: 1, max: 90 }], title: 'UNKNOWN', vivified: true }
    : {
        ai,
        flags: '*',
        components: [{ cset: 'X', min: fixed, max: fixed }],
        title: 'UNKNOWN',
        vivified: true,
      };
}

function isKnownPrefixOf(ai: string): boolean {
  for (let n = 2; n < ai.length; n++) if (byAi.has(ai.slice(0, n))) return true;
  return false;
}

/**
 * The entry for an AI given in full (bracketed data, DL path and query). Unknown AIs are
 * vivified only when permitted and only where that cannot clash with a known AI: not when a
 * known AI is a prefix of it or it is a prefix of a known AI, and only at the length that its
 * first two digits imply.
 */
export function lookupAi(ai: string, options: AiLookupOptions = {}): AiEntry | undefined {
  if (!/^\d{2,4}$/.test(ai)) return undefined;
  const known = byAi.get(ai);
  if (known) return known;
  if (!options.permitUnknownAIs || isKnownPrefixOf(ai)) return undefined;
  for (const e of AI_TABLE) if (e.ai.startsWith(ai)) return undefined;
  const expected = aiLengthByPrefix.get(ai.slice(0, 2));
  if (expected !== undefined && expected !== ai.length) return undefined;
  return vivify(ai);
}

/**
 * The AI that starts `data` at `pos`, for element strings where nothing marks where the AI
 * ends. Unknown AIs are only accepted when their length follows from their first two digits.
 */
export function matchAiAt(data: string, pos: number, options: AiLookupOptions = {}): AiEntry | undefined {
  for (let n = 2; n <= 4; n++) {
    const known = byAi.get(data.slice(pos, pos + n));
    if (known) return known;
  }
  if (!options.permitUnknownAIs) return undefined;
  const length = aiLengthByPrefix.get(data.slice(pos, pos + 2));
  if (length === undefined) return undefined;
  const ai = data.slice(pos, pos + length);
  return ai.length === length ? lookupAi(ai, options) : undefined;
}
