// The pool record and its constructor live apart from the operations on World (resources.ts) so
// that world.ts can build pools without importing a module that imports World back.

/** A pool of identical shared resources (forklifts, pick carts, dock doors). */
export interface ResourcePool {
  capacity: number;
  inUse: number;
  /** ∫ inUse dt in ms (for utilisation) and when it was last advanced. */
  busyIntegral: number;
  last: number;
}

/** Creates the pools a scenario declares. */
export function createResources(spec: Record<string, number>): Record<string, ResourcePool> {
  const out: Record<string, ResourcePool> = {};
  for (const [name, capacity] of Object.entries(spec))
    out[name] = { capacity, inUse: 0, busyIntegral: 0, last: 0 };
  return out;
}
