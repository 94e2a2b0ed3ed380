// Public entry point of the view model: the projection's types and the pure helpers that both
// the live server and the browser client use on views (diffs, zone slices, following a stream,
// walking workers along their paths), plus the HTTP response bodies they share. It imports no
// engine code, so the client bundle stays free of the simulation core. The wire protocol itself
// is sim/view/protocol.ts, the other entry point the client uses.
export {
  BinFlag,
  PROBLEM_FLAGS,
  FILL_CODES_PER_UNIT,
  fillCode,
  fillRatio,
  binFlagNames,
  BIN_TYPES,
  SEVERITIES,
  type BinFlagName,
  type ZoneInfo,
  type BinTable,
  type Walkways,
  type WorkerView,
  type KpiTile,
  type AlertView,
  type RunStatus,
  type ViewState,
} from './view/viewState.ts';
export { diffViews, type ViewDelta, type BinChanges, type WorkerChange } from './view/diff.ts';
export { sliceView, sliceDelta } from './view/zoneSlice.ts';
export { ViewFollower, type FollowResult } from './view/viewFollower.ts';
export { pointAlong, shortestCorners, walkLength } from './routing/walkPath.ts';
export type { BinDetailView, BinStockLine } from './view/binDetail.ts';
export { INJECTABLE_CAUSES } from './exceptions/injectableCauses.ts';
export type {
  BinDetailResponse,
  BinStockResponseLine,
  ScenarioOrigin,
  ScenarioListing,
  ScenarioListResponse,
  ErrorResponse,
} from './view/httpResponses.ts';
export type { NetworkView, SiteTile, LaneView } from './network/networkView.ts';
export type { NetworkKpis } from './network/networkKpis.ts';
