import type { Scenario } from '../../sim/index.ts';
import { siteScenario, type Network } from '../../sim/networkApi.ts';
import type { Problem } from '../scenarioProblems.ts';

/** How big a scenario the live server agrees to build (each a ceiling; all configurable). */
export interface ScenarioBudget {
  bins: number;
  skus: number;
  workers: number;
  horizonDays: number;
  ordersPerHour: number;
}

/**
 * Defaults: 500k bins (demo-dc has 3,138; the floor view was measured to 200k), 200k SKUs,
 * 2,000 workers, a year of horizon, 50k orders per hour. Past these a live twin on one process
 * is not what anyone should be running, and memory grows with each.
 */
export const DEFAULT_SCENARIO_BUDGET: ScenarioBudget = {
  bins: 500_000,
  skus: 200_000,
  workers: 2_000,
  horizonDays: 366,
  ordersPerHour: 50_000,
};

/** Environment variables that override the defaults (`BINTWIN_MAX_BINS=1000000` …). */
export const BUDGET_ENV: Record<keyof ScenarioBudget, string> = {
  bins: 'BINTWIN_MAX_BINS',
  skus: 'BINTWIN_MAX_SKUS',
  workers: 'BINTWIN_MAX_WORKERS',
  horizonDays: 'BINTWIN_MAX_HORIZON_DAYS',
  ordersPerHour: 'BINTWIN_MAX_ORDERS_PER_HOUR',
};

/** The budget with environment overrides; a bad value is an error naming the variable. */
export function budgetFromEnv(env: Record<string, string | undefined>): ScenarioBudget {
  const b = { ...DEFAULT_SCENARIO_BUDGET };
  for (const k of Object.keys(BUDGET_ENV) as (keyof ScenarioBudget)[]) {
    const raw = env[BUDGET_ENV[k]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`${BUDGET_ENV[k]} must be a positive number, got "${raw}"`);
    b[k] = n;
  }
  return b;
}

/**
 * What a scenario would build, counted from its spec alone (nothing is allocated): bins of a
 * generated layout are zones × aisles × bays × levels plus floor and dock locations.
 */
export function scenarioSize(s: Scenario): ScenarioBudget {
  let bins = 0;
  const layout = s.layout;
  if (layout && 'generate' in layout) {
    const g = layout.generate;
    for (const zn of g.zones)
      bins += zn.aisles * (zn.baysPerAisle ?? g.baysPerAisle) * (zn.levels ?? g.levels) + zn.bins;
    bins += g.docks.inbound + g.docks.outbound;
  } else if (layout) bins = layout.bins.length;
  const items = s.items;
  const skus = items === undefined ? 0 : 'generate' in items ? items.generate.count : items.list.length;
  const workers = s.workers.reduce((n, w) => n + w.count, 0);
  const horizonDays = (s.horizon.days ?? 0) + (s.horizon.hours ?? 0) / 24;
  return { bins, skus, workers, horizonDays, ordersPerHour: s.demand.arrivals.ratePerHour };
}

const WHERE: Record<keyof ScenarioBudget, string> = {
  bins: 'layout',
  skus: 'items',
  workers: 'workers',
  horizonDays: 'horizon',
  ordersPerHour: 'demand.arrivals.ratePerHour',
};

/** Every budget a scenario exceeds, as path + message (empty when it fits). */
export function budgetProblems(s: Scenario, budget: ScenarioBudget = DEFAULT_SCENARIO_BUDGET): Problem[] {
  const size = scenarioSize(s);
  const out: Problem[] = [];
  for (const k of Object.keys(budget) as (keyof ScenarioBudget)[]) {
    if (size[k] > budget[k])
      out.push({
        path: WHERE[k],
        message: `${k} ${fmt(size[k])} exceeds this server's budget of ${fmt(budget[k])} (${BUDGET_ENV[k]})`,
      });
  }
  return out;
}

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/**
 * Every budget a network scenario exceeds (empty when it fits): each site against the budget,
 * paths from the network's root (`sites[1].scenario.layout`), then the network as a whole, since
 * one process builds every site: bins, workers and orders per hour add up across sites; the
 * shared item master and the horizon count once.
 */
export function networkBudgetProblems(
  net: Network,
  budget: ScenarioBudget = DEFAULT_SCENARIO_BUDGET,
): Problem[] {
  const out: Problem[] = [];
  const sizes = net.sites.map((s, i) => {
    const scenario = siteScenario(net, i);
    for (const p of budgetProblems(scenario, budget))
      out.push({ path: `sites[${i}].scenario.${p.path}`, message: `${s.name}: ${p.message}` });
    return scenarioSize(scenario);
  });
  if (out.length > 0) return out;
  const total: ScenarioBudget = {
    bins: sizes.reduce((n, s) => n + s.bins, 0),
    skus: Math.max(0, ...sizes.map((s) => s.skus)),
    workers: sizes.reduce((n, s) => n + s.workers, 0),
    horizonDays: Math.max(0, ...sizes.map((s) => s.horizonDays)),
    ordersPerHour: sizes.reduce((n, s) => n + s.ordersPerHour, 0),
  };
  for (const k of Object.keys(budget) as (keyof ScenarioBudget)[]) {
    if (total[k] > budget[k])
      out.push({
        path: 'sites',
        message: `${k} ${fmt(total[k])} across the network's ${net.sites.length} sites exceeds this server's budget of ${fmt(budget[k])} (${BUDGET_ENV[k]})`,
      });
  }
  return out;
}

/** Problems as one line (`path: message; …`), for errors and control replies. */
export function problemsText(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
