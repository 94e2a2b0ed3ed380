import { buildSiteModel } from '../engine/siteModel.ts';
import { World, type EngineSnapshot, type JournalSink } from '../engine/world.ts';
import { registerAllFlows } from '../flows/allFlows.ts';
import { scenarioSchema, SCENARIO_SCHEMA_VERSION, type Scenario } from '../scenario/scenarioSchema.ts';
import { INVENTORY_STATUSES, type InventoryStatus } from '../journal/journalEvent.ts';
import { addPurchaseOrders, checkPurchaseOrders } from './purchaseOrders.ts';
import { post } from '../engine/applyEffects.ts';

/** One opening-stock record of an imported site. */
export interface OpeningLine {
  bin: string;
  sku: string;
  lot: string;
  qty: number;
  status: InventoryStatus;
}

/** A problem with imported data: which input, where in it (JSON path or line index), and what. */
export interface ImportProblem {
  input: 'layout' | 'items' | 'stock' | 'orders';
  /** JSON path (`bins.3.code`) or, for stock, the 0-based record index. */
  at: string | number;
  message: string;
}

/** The scenario name of the mirror of a site. */
export function mirrorScenarioName(site: string): string {
  return `mirror-${site
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '')}`;
}

/**
 * The scenario of a mirrored site: the imported layout (list form) and item master (list form),
 * tracked inventory, and nothing that acts by itself. The schema needs a worker group and an
 * arrival rate; the mirror world starts none of them (`createMirrorWorld` never starts a flow,
 * schedules a shift or releases an order), so they stay inert placeholders.
 */
export function mirrorScenario(
  site: string,
  layout: unknown,
  items: unknown,
): { ok: true; scenario: Scenario } | { ok: false; problems: ImportProblem[] } {
  const r = scenarioSchema.safeParse({
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    name: mirrorScenarioName(site),
    description: `mirror of site ${site}: driven only by the scanner and WMS feeds`,
    layout,
    items: { list: items },
    workers: [{ role: 'picker', count: 1, prefix: 'mirror' }],
    demand: { arrivals: { kind: 'poisson', ratePerHour: 1e-12 } },
    picking: { serviceTime: 0 },
    inventory: { mode: 'tracked' },
    // Real scanners say themselves whether a step was scanned or keyed: simulate no keying.
    people: { keyedShare: 0 },
    // The count control's rules (tolerance by class, value cap) judge scanned counts; no
    // schedule releases counts of its own.
    counting: { countsPerDay: 0 },
  });
  if (r.success) return { ok: true, scenario: r.data };
  const problems: ImportProblem[] = r.error.issues.map((i) => {
    const [head, ...rest] = i.path.map(String);
    const input = head === 'items' ? 'items' : 'layout';
    const path = head === 'items' ? rest.slice(1) : head === 'layout' ? rest : [head ?? '', ...rest];
    // Only layout and items come from files; anything else is the cross-check of the two.
    return { input, at: path.join('.') || '/', message: i.message };
  });
  return { ok: false, problems };
}

/**
 * Builds the world of a mirrored site at time 0 and posts its opening stock as `stock.opening`
 * journal events, after checking every line (known bin and item, whole positive quantity, a lot
 * for lot-controlled items, no line twice); with any problem nothing is posted. No flow is
 * started: the system ledger moves only when the feed applies transactions.
 */
export function createMirrorWorld(
  scenario: Scenario,
  opening: readonly OpeningLine[],
  journal?: JournalSink,
  orders: readonly unknown[] = [],
): { ok: true; world: World; snapshot: EngineSnapshot } | { ok: false; problems: ImportProblem[] } {
  registerAllFlows();
  const seed = String(scenario.seed);
  const site = buildSiteModel(scenario, seed);
  const bins = new Set(site.layout!.bins.map((b) => b.code));
  const items = new Map(site.items.map((i) => [i.sku, i]));
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  opening.forEach((l, i) => {
    const bad = (message: string): void => void problems.push({ input: 'stock', at: i, message });
    if (!bins.has(l.bin)) bad(`unknown bin "${l.bin}"`);
    const item = items.get(l.sku);
    if (!item) bad(`unknown item "${l.sku}"`);
    else if (item.lotControlled && l.lot === '') bad(`${l.sku} is lot-controlled: a lot is required`);
    if (!Number.isInteger(l.qty) || l.qty <= 0) bad(`quantity ${l.qty} is not a whole number above 0`);
    if (!(INVENTORY_STATUSES as readonly string[]).includes(l.status))
      bad(`status "${l.status}" is not one of ${INVENTORY_STATUSES.join(', ')}`);
    const key = `${l.bin}|${l.sku}|${l.lot}|${l.status}`;
    if (seen.has(key)) bad(`${l.bin} ${l.sku}${l.lot ? ` lot ${l.lot}` : ''} is listed twice`);
    seen.add(key);
  });
  if (problems.length > 0) return { ok: false, problems };
  const w = new World(scenario, site, seed, journal);
  // The open POs are checked before anything is posted, so a bad one leaves nothing half-imported.
  const po = orders.length > 0 ? checkPurchaseOrders(w, orders) : null;
  if (po && !po.ok)
    return { ok: false, problems: po.problems.map((message) => ({ input: 'orders', at: '', message })) };
  for (const l of opening) {
    const item = items.get(l.sku)!;
    post(w, {
      type: 'stock.opening',
      site: site.name,
      bin: l.bin,
      sku: l.sku,
      lot: l.lot || undefined,
      qty: l.qty,
      uom: item.baseUom,
      baseQty: l.qty,
      statusTo: l.status,
    });
  }
  if (orders.length > 0) addPurchaseOrders(w, orders);
  return { ok: true, world: w, snapshot: w.snapshot() };
}
