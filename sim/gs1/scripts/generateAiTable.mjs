// Regenerates sim/gs1/generated/aiTable.ts from the GS1 Barcode Syntax Dictionary.
// Usage: node sim/gs1/scripts/generateAiTable.mjs [path/to/gs1-syntax-dictionary.txt]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatAiTable } from './formatAiTable.mjs';
import { renderAiTable } from './renderAiTable.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const dictionaryPath = process.argv[2] ?? here('../dictionary/gs1-syntax-dictionary.txt');
const outPath = here('../generated/aiTable.ts');

const source = await formatAiTable(renderAiTable(readFileSync(dictionaryPath, 'utf8')), outPath);
writeFileSync(outPath, source);
console.log(`wrote ${outPath}`);
