// Formats the rendered table with the repository's prettier settings, so the script's output
// and the in-memory regeneration in aiTable.test.ts are byte-identical to the committed file.
import * as prettier from 'prettier';

/** Format TypeScript source as `prettier --write` would for a file at `filePath`. */
export async function formatAiTable(source, filePath) {
  const config = (await prettier.resolveConfig(filePath)) ?? {};
  return prettier.format(source, { ...config, filepath: filePath });
}
