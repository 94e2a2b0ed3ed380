import type { World } from '../../engine/world.ts';
import { hoursSummary } from '../inbound/inboundKpis.ts';
import { crossdock, crossDockSettings } from './crossdockState.ts';

/**
 * The cross-dock KPI section (kpis.json `crossdock`): receipt lines and units taken dock-to-dock,
 * order lines and backorders they served, moves that expired to putaway, and the time from the
 * dock door to the pack station and from order creation to the goods' arrival there. Null when
 * the scenario does not cross-dock.
 */
export function crossDockKpis(w: World): Record<string, unknown> | null {
  if (!crossDockSettings(w)) return null;
  const k = crossdock.peek(w)?.kpi;
  return {
    linesCrossDocked: k?.lines ?? 0,
    unitsCrossDocked: k?.units ?? 0,
    orderLinesServed: k?.orderLines ?? 0,
    backordersServed: k?.backorders ?? 0,
    tasksCreated: k?.tasksCreated ?? 0,
    tasksDelivered: k?.tasksDelivered ?? 0,
    tasksExpired: k?.tasksExpired ?? 0,
    unitsExpired: k?.unitsExpired ?? 0,
    dockToPack: hoursSummary(k?.dockToPack ?? []),
    orderWait: hoursSummary(k?.orderWait ?? []),
  };
}
