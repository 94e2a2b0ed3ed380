import type { World } from './world.ts';
import type { ResourcePool } from './resourcePool.ts';

function advance(p: ResourcePool, now: number): void {
  p.busyIntegral += p.inUse * (now - p.last);
  p.last = now;
}

/** Is one unit free? An undeclared resource is unlimited. */
export function resourceFree(w: World, name: string): boolean {
  const p = w.resources[name];
  return !p || p.inUse < p.capacity;
}

/** Takes one unit; returns false when none is free. */
export function acquireResource(w: World, name: string): boolean {
  const p = w.resources[name];
  if (!p) return true;
  if (p.inUse >= p.capacity) return false;
  advance(p, w.now);
  p.inUse++;
  return true;
}

/** Gives one unit back. */
export function releaseResource(w: World, name: string): void {
  const p = w.resources[name];
  if (!p) return;
  if (p.inUse <= 0) throw new Error(`resource ${name} released more often than acquired`);
  advance(p, w.now);
  p.inUse--;
}

/** Busy share of each pool since the start. */
export function resourceUtilisation(w: World): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [name, p] of Object.entries(w.resources)) {
    const busy = p.busyIntegral + p.inUse * (w.now - p.last);
    out[name] = w.now > 0 && p.capacity > 0 ? Math.round((busy / (p.capacity * w.now)) * 1e6) / 1e6 : null;
  }
  return out;
}
