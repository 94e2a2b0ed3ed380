/** Format TypeScript source as `prettier --write` would for a file at `filePath`. */
export function formatAiTable(source: string, filePath: string): Promise<string>;
