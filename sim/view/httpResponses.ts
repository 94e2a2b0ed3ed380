// Bodies of the HTTP routes the browser client reads, typed once for the server that sends them
// and the client that parses them (issue 12: shared, not copied on the client).
import type { BinDetailView, BinStockLine } from './binDetail.ts';

/** `GET /api/bins/:code`: both ledgers, recent journal events and open tasks of one bin. */
export type BinDetailResponse = BinDetailView;

/** One stock record line of a ledger in a bin detail. */
export type BinStockResponseLine = BinStockLine;

/** Where a library scenario came from. */
export type ScenarioOrigin = 'shipped' | 'uploaded';

/** One entry of `GET /api/scenarios`. */
export interface ScenarioListing {
  name: string;
  description: string;
  origin: ScenarioOrigin;
  /** Set when the file does not validate (the listing still shows it). */
  error?: string;
}

/** `GET /api/scenarios`: the scenario library. */
export interface ScenarioListResponse {
  scenarios: ScenarioListing[];
}

/** The body of any refused request (4xx/5xx) unless the route says otherwise. */
export interface ErrorResponse {
  error: string;
}
