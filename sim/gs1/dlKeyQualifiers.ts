import { AI_TABLE } from './generated/aiTable.ts';

// Every valid DL path: a primary key followed by an order-preserving selection from one of
// its qualifier sequences, e.g. from `01` with `22,10,21|235`: "01", "01 10", "01 22 21",
// "01 235", ... but not "01 10 22" (bad order) nor "01 22 235" (mixed alternatives).
const validPaths = new Set<string>();
const qualifierSequences = new Map<string, readonly (readonly string[])[]>();

for (const entry of AI_TABLE) {
  if (!entry.dlpkey) continue;
  qualifierSequences.set(entry.ai, entry.dlpkey);
  for (const sequence of entry.dlpkey) {
    for (let mask = 0; mask < 1 << sequence.length; mask++) {
      const chosen = sequence.filter((_, i) => (mask & (1 << i)) !== 0);
      validPaths.add([entry.ai, ...chosen].join(' '));
    }
  }
}

/** True when the AI can start a GS1 Digital Link path (it carries a `dlpkey` attribute). */
export function isDlPrimaryKey(ai: string): boolean {
  return qualifierSequences.has(ai);
}

/** True when the AIs, in this order, form a valid DL path: primary key then key qualifiers. */
export function isValidDlPath(ais: readonly string[]): boolean {
  return validPaths.has(ais.join(' '));
}

/** The alternative qualifier sequences of a primary key (`[[]]` when it takes none). */
export function dlQualifierSequences(key: string): readonly (readonly string[])[] {
  return qualifierSequences.get(key) ?? [];
}
