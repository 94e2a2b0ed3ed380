/**
 * An EPCIS event's location fields (read point, business location, each source and destination),
 * as JSON pointers and the identifiers they hold; fields that are not strings are left out.
 * One walk for the site policy (feedPolicy.ts) and a network run's routing.
 */
export function epcisLocations(e: Record<string, unknown>): { path: string; id: string }[] {
  const out: { path: string; id: string }[] = [];
  for (const f of ['readPoint', 'bizLocation']) {
    const id = (e[f] as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') out.push({ path: `/${f}/id`, id });
  }
  for (const [list, field] of [
    ['sourceList', 'source'],
    ['destinationList', 'destination'],
  ] as const) {
    const l = e[list];
    if (Array.isArray(l))
      l.forEach((x: unknown, i) => {
        const id = (x as Record<string, unknown> | null)?.[field];
        if (typeof id === 'string') out.push({ path: `/${list}/${i}/${field}`, id });
      });
  }
  return out;
}
