/**
 * What `bintwin slotting` reads of the model (an entry point of sim/): layouts and items, the
 * travel model the routing heuristics give, which items a face can take and how many fit, and
 * the replenishment handling times that price a move.
 */
export type { Bin, Layout, Point } from './layout/types.ts';
export type { Item } from './items/types.ts';
export { layoutSpecSchema } from './layout/layoutSpec.ts';
export { buildLayout } from './layout/buildLayout.ts';
export { buildItems } from './items/buildItems.ts';
export { generatedItemSpecSchema } from './items/itemSpec.ts';
export { RandomStreams } from './random/randomStreams.ts';
export { createTravelModel, type TravelModel } from './engine/travelModel.ts';
export { distributionMean } from './random/distribution.ts';
export { replenishmentSchema } from './flows/replenishment/replenishmentSchema.ts';
export { compatible, unitsThatFit } from './engine/slotting.ts';
