import type { Worker } from './entities.ts';

// One string per worker slot, made once: a fresh `MHE-…` per posting was a new string whose hash
// every ledger and index lookup then computed again (the site's own codes hash once).
const bins: { code: string; bin: string }[] = [];

/**
 * The pseudo-location of stock on a worker's truck or forklift (`MHE-<worker code>`): on hand,
 * never allocatable. The same string object every call for the same worker.
 */
export function mheBin(worker: Worker): string {
  const c = bins[worker.index];
  if (c !== undefined && c.code === worker.code) return c.bin;
  const bin = `MHE-${worker.code}`;
  // Filled up to the index so the array stays dense; a slot's code is checked, so worlds whose
  // workers differ (tests, other scenarios) share the cache safely.
  while (bins.length < worker.index) bins.push({ code: '', bin: '' });
  bins[worker.index] = { code: worker.code, bin };
  return bin;
}
