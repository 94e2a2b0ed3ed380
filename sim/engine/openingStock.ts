import type { World } from './world.ts';

/** Placeholder replaced below. */
export function placeOpeningStock(_w: World): void {}
