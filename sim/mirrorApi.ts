// Public entry point of mirror mode (a real site's feeds drive the twin): the feed entry and scan
// vocabulary, EPC identifiers, the mirrored site's import, and the read-only questions the feed
// routes ask of a running engine. Feed entries themselves are applied through the engine's
// command API (`engine.apply({ type: 'feed', … })`); nothing here hands out the world.
import type { Engine } from './engineApi.ts';
import type { EngineSnapshot, JournalSink } from './engine/world.ts';
import { worldOf } from './engineWorld.ts';
import type { Scenario } from './scenario/scenarioSchema.ts';
import { createMirrorWorld, type ImportProblem, type OpeningLine } from './mirror/mirrorSite.ts';
import { mirrorState, type MirrorException } from './mirror/mirrorState.ts';
import * as po from './mirror/purchaseOrders.ts';
import * as counts from './mirror/scanCount.ts';

export type { FeedEntry, FeedApplied } from './mirror/feedEntry.ts';
export type { ScanMessage, ScanReply } from './mirror/scanSession.ts';
export { SCAN_STEPS, type ScanStep } from './mirror/scanSteps.ts';
export { epcKeys, canonicalEpc, type EpcKeys } from './mirror/epcIdentifiers.ts';
export { BINTWIN_NS } from './mirror/epcisMapping.ts';
export {
  mirrorScenario,
  mirrorScenarioName,
  type ImportProblem,
  type OpeningLine,
} from './mirror/mirrorSite.ts';
export type { MirrorException, ExceptionInput } from './mirror/mirrorState.ts';
export type { FeedPo, FeedPoLine } from './mirror/purchaseOrders.ts';
export { REVIEW_ROOT_CAUSES, type CountDecision } from './mirror/scanCount.ts';

/** A mirrored site imported at time 0: its first snapshot and its size, or every problem found. */
export type MirrorImport =
  | { ok: true; snapshot: EngineSnapshot; bins: number; items: number }
  | { ok: false; problems: ImportProblem[] };

/**
 * Imports a mirrored site (opening stock posted as `stock.opening` journal events, open POs
 * booked) and returns its first snapshot, from which the live run resumes; see createMirrorWorld.
 */
export function importMirrorSite(
  scenario: Scenario,
  opening: readonly OpeningLine[],
  journal?: JournalSink,
  orders: readonly unknown[] = [],
): MirrorImport {
  const made = createMirrorWorld(scenario, opening, journal, orders);
  if (!made.ok) return made;
  const site = made.world.site;
  return { ok: true, snapshot: made.snapshot, bins: site.layout?.bins.length ?? 0, items: site.items.length };
}

/** The feed messages the engine's run could not apply, oldest first (a copy). */
export function mirrorExceptions(engine: Engine): MirrorException[] {
  return [...mirrorState(worldOf(engine)).exceptions];
}

/** The open POs and ASNs the feed booked in the engine's run. */
export function feedOrders(engine: Engine): readonly po.FeedPo[] {
  return po.feedOrders(worldOf(engine));
}

/** Checks POs against the engine's PO book and items without changing anything (see purchaseOrders). */
export function checkPurchaseOrders(
  engine: Engine,
  input: readonly unknown[],
): ReturnType<typeof po.checkPurchaseOrders> {
  return po.checkPurchaseOrders(worldOf(engine), input);
}

/** Scanned counts waiting for a recount or a reviewer's decision, oldest first. */
export function openScanCounts(engine: Engine): ReturnType<typeof counts.openScanCounts> {
  return counts.openScanCounts(worldOf(engine));
}

// Last, so the routing helpers' modules load after everything above (as before they existed).
export { scanInProgress, scanLocation } from './mirror/scanRouting.ts';
