import { generateLayout } from './generateLayout.ts';
import { layoutFromList } from './layoutFromList.ts';
import type { LayoutSpec } from './layoutSpec.ts';
import type { Layout } from './types.ts';

/** Turn a parsed layout spec (either form) into a Layout; deterministic, no randomness. */
export function buildLayout(spec: LayoutSpec): Layout {
  return 'generate' in spec ? generateLayout(spec) : layoutFromList(spec);
}

/** Map from bin code to bin index, for scenario files and scanners that speak codes. */
export function binIndexByCode(layout: Layout): Map<string, number> {
  return new Map(layout.bins.map((b) => [b.code, b.index]));
}
