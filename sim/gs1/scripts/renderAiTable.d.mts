import type { AiEntry } from '../aiEntry.ts';

/** Parse the GS1 Barcode Syntax Dictionary text into expanded AI entries. */
export function parseDictionary(text: string): AiEntry[];

/** Render the (unformatted) TypeScript source of generated/aiTable.ts from the dictionary text. */
export function renderAiTable(text: string): string;
