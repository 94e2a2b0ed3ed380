import type { World } from './engine/world.ts';

// Which world each engine wraps. Filled by the composition root (engineApi.ts) as it makes an
// engine; read by sim's own facades (mirrorApi.ts) that answer queries about a run for the
// server. Keyed by the engine object, so the server never receives the world itself.
const worlds = new WeakMap<object, World>();

/** Records the world an engine wraps (engineApi.ts only). */
export function bindWorld(engine: object, w: World): void {
  worlds.set(engine, w);
}

/** The world an engine made by createEngine/restoreEngine wraps; throws for any other object. */
export function worldOf(engine: object): World {
  const w = worlds.get(engine);
  if (!w) throw new Error('not an engine made by createEngine or restoreEngine');
  return w;
}
