import type { Engine } from '../../sim/index.ts';

/** Sim time advanced per step: small enough for a lively progress bar and a prompt Ctrl-C, large enough to cost nothing. */
export const CHUNK_MS = 3_600_000;

/**
 * Runs the engine to `horizonMs` one chunk at a time, yielding to the event loop between
 * chunks: the engine is synchronous, so without the yield the progress bar would never redraw
 * and a Ctrl-C handler would never run. Stops early when `stopRequested` says so.
 */
export async function advanceEngine(
  engine: Engine,
  horizonMs: number,
  onChunk: (simMs: number, events: number) => void,
  stopRequested: () => boolean = () => false,
): Promise<void> {
  let t = engine.now();
  while (t < horizonMs && !stopRequested()) {
    t = Math.min(horizonMs, t + CHUNK_MS);
    engine.runUntil(t);
    onChunk(t, engine.eventsProcessed());
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
