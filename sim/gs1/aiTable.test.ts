import { describe, expect, it } from 'vitest';
import dictionary from './dictionary/gs1-syntax-dictionary.txt?raw';
import committed from './generated/aiTable.ts?raw';
import { AI_TABLE } from './generated/aiTable.ts';
import { LINTERS } from './linters.ts';
import { formatAiTable } from './scripts/formatAiTable.mjs';
import { parseDictionary, renderAiTable } from './scripts/renderAiTable.mjs';

describe('generated AI table', () => {
  it('is exactly what the generator makes of the dictionary (re-run the script if this fails)', async () => {
    const path = new URL('./generated/aiTable.ts', import.meta.url).pathname;
    expect(await formatAiTable(renderAiTable(dictionary), path)).toBe(committed);
  }, 60_000);

  it('expands ranges and keeps components, pairing rules and DL keys', () => {
    const byAi = new Map(AI_TABLE.map((e) => [e.ai, e]));
    expect(byAi.size).toBe(AI_TABLE.length);
    expect([...byAi.keys()].filter((ai) => ai.startsWith('310'))).toEqual([
      '3100',
      '3101',
      '3102',
      '3103',
      '3104',
      '3105',
    ]);
    expect(byAi.get('17')).toMatchObject({
      flags: '*?',
      components: [{ cset: 'N', min: 6, max: 6, linters: ['yymmd0'] }],
      title: 'USE BY or EXPIRY',
    });
    expect(byAi.get('253')?.components).toEqual([
      { cset: 'N', min: 13, max: 13, linters: ['csum', 'gcppos1'] },
      { cset: 'X', min: 1, max: 17, optional: true },
    ]);
    expect(byAi.get('8030')?.req).toEqual([
      [
        ['00'],
        ['01', '21'],
        ['253'],
        ['255'],
        ['8003'],
        ['8004'],
        ['8006', '21'],
        ['8010', '8011'],
        ['8017'],
        ['8018'],
      ],
    ]);
    expect(byAi.get('37')?.req).toEqual([[['00']], [['02'], ['8026']]]);
    expect(byAi.get('3900')?.ex).toEqual(['390n', '391n', '394n', '8111']);
    expect(byAi.get('414')?.dlpkey).toEqual([['254'], ['7040']]);
    expect(byAi.get('99')).toMatchObject({ flags: '?', components: [{ cset: 'X', min: 1, max: 90 }] });
  });

  it('names only linters that are implemented', () => {
    const named = new Set(AI_TABLE.flatMap((e) => e.components.flatMap((c) => c.linters ?? [])));
    expect([...named].filter((name) => !(name in LINTERS))).toEqual([]);
    expect(named.size).toBeGreaterThan(30);
  });

  it('rejects malformed dictionary lines instead of guessing', () => {
    expect(() => parseDictionary('10  ?  Q..20  # BAD')).toThrow(/unknown token/);
    expect(() => parseDictionary('10  ?  [X..20  # BAD')).toThrow(/bad component|unbalanced/);
  });
});
