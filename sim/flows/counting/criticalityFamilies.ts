import type { ItemSpec } from '../../items/itemSpec.ts';
import type { CountingSettings } from './countingSchema.ts';

/**
 * Families named in `counting.criticality` that no item of the scenario has, with the families
 * there are (a typo would otherwise weigh nothing, silently). Without an item spec the one
 * default item is of family `general`.
 */
export function unknownCriticalFamilies(
  counting: CountingSettings | undefined,
  items: ItemSpec | undefined,
): { family: string; known: string[] }[] {
  if (!counting) return [];
  const known =
    items === undefined
      ? ['general']
      : 'generate' in items
        ? items.generate.families
        : [...new Set(items.list.map((i) => i.family))];
  return Object.keys(counting.criticality)
    .filter((f) => !known.includes(f))
    .map((family) => ({ family, known }));
}
