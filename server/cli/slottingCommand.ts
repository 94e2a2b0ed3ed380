import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { createEngine, type Scenario } from '../../sim/index.ts';
import { createTravelModel } from '../../sim/slottingApi.ts';
import type { Layout } from '../../sim/slottingApi.ts';
import { buildLayout } from '../../sim/slottingApi.ts';
import type { Item } from '../../sim/slottingApi.ts';
import { baseReader, SHIPPED_SCENARIOS_DIR } from '../scenarioLoader.ts';
import { resolveExtends } from '../scenarioExtends.ts';
import { journalSegments, pickLineOf, readPicks, type PickLine } from '../slotting/pickHistory.ts';
import { faceRank, proposeSlotting, type SlottingProposal } from '../slotting/slottingProposal.ts';
import { costMoves, estimateTravel, roleSpeed } from '../slotting/slottingEstimate.ts';
import { netSaving, type NetSaving } from '../slotting/netSaving.ts';
import { runtimeError } from './cliError.ts';
import { displayPath } from './displayPath.ts';
import { experimentCommand } from './experimentCommand.ts';
import { createProgress, progressMode } from './progressReporter.ts';
import { loadScenarioArg } from './scenarioArg.ts';
import type { SlottingFlags } from './slottingOptions.ts';

const DAY_MS = 86_400_000;

/** Where the history comes from: the scenario, its source file, the picks and the days they cover. */
interface History {
  scenario: Scenario;
  source: string;
  seed: string;
  picks: PickLine[];
  days: number;
  /** Units of a SKU in a bin when the re-slot is done (end of the history run, or opening stock). */
  unitsOf: (sku: string, bin: string) => number;
}

/** `bintwin slotting <scenario | run dir>`: proposal, moves, estimated saving, and the paired experiment. */
export async function slottingCommand(arg: string, flags: SlottingFlags): Promise<number> {
  const h = isRunDir(arg) ? await fromRunDir(arg, flags) : fromScenario(arg, flags);
  const s = h.scenario;
  if (!s.layout || s.inventory.mode !== 'tracked')
    throw runtimeError(`${s.name}: slotting needs a layout and tracked inventory (pick faces and bins)`);
  if (h.picks.length === 0) throw runtimeError(`${s.name}: the history has no confirmed picks from bins`);
  const engine = createEngine(s, { seed: h.seed });
  const site = engine.site();
  const layout = layoutOf(s);
  const travel = createTravelModel(layout, s.picking.routing);
  const proposal = proposeSlotting(
    layout,
    site.items,
    site.faces,
    h.picks,
    flags.method,
    faceRank(layout.depot, travel.distance),
    h.unitsOf,
  );
  const moves = costMoves(s, layout, travel, proposal, h.unitsOf);
  const estimate = estimateTravel(s, layout, travel, h.picks, proposal);
  const labourHours = moves.reduce((a, m) => a + m.hours, 0);

  const outDir = resolve(flags.out ?? join('runs', `slotting-${s.name}`));
  mkdir(outDir);
  const variantPath = join(outDir, `${s.name}-slotted.json`);
  write(variantPath, variantScenario(s, h.source, outDir, proposal));
  write(
    join(outDir, 'proposal.json'),
    JSON.stringify(
      {
        scenario: s.name,
        source: h.source,
        historyDays: h.days,
        method: flags.method,
        labourHours,
        estimate,
        moves,
        items: proposal.items.map((i) => ({ ...i, coi: Number.isFinite(i.coi) ? i.coi : null })),
      },
      null,
      2,
    ) + '\n',
  );
  const say = (t: string): void => void (flags.quiet ? undefined : process.stdout.write(t + '\n'));
  const classes = (['A', 'B', 'C'] as const).map(
    (c) => `${proposal.items.filter((i) => i.abc === c).length} ${c}`,
  );
  say(
    `slotting ${s.name} (${flags.method}): ${h.picks.length} picks on ${estimate.orders} orders over ${fmt(h.days)} days; ` +
      `${proposal.items.length} items with faces (${classes.join(', ')})`,
  );
  say(
    `proposal: ${moves.length} moves, ${fmt(moves.reduce((a, m) => a + m.units, 0))} units, ${fmt(labourHours)} labour hours; ` +
      `the observed orders would walk ${fmt(estimate.currentM / 1000)} → ${fmt(estimate.proposedM / 1000)} km ` +
      `(saving ${fmt(estimate.savingM / 1000)} km, ${fmt(estimate.savingHours)} picker hours)`,
  );
  say(`wrote ${displayPath(join(outDir, 'proposal.json'))}\n      ${displayPath(variantPath)}`);
  if (!flags.experiment) return 0;

  const expPath = join(outDir, 'experiment.json');
  const current = Object.fromEntries(proposal.moves.map((m) => [m.sku, m.from]));
  for (const sku of Object.keys(proposal.faces)) current[sku] ??= proposal.faces[sku]!;
  // The experiment runs on the history's site: a generated item master and a random slotting
  // are drawn from the seed, so every replication's seed would otherwise build another site.
  const sitePath = join(outDir, `${s.name}-history-site.json`);
  write(sitePath, frozenSite(h.source, site.items));
  write(expPath, experimentFile(s, h, outDir, proposal, flags, current, sitePath));
  say(
    `paired experiment: current vs proposed, ${flags.replications} replications × ${fmt(flags.runDays)} days`,
  );
  const code = await experimentCommand(expPath, { workers: flags.workers, out: outDir, quiet: flags.quiet });
  const net = netSaving(
    readResults(join(outDir, 'results.json')),
    roleSpeed(s, 'picker'),
    labourHours,
    flags.runDays,
  );
  write(join(outDir, 'net-saving.json'), JSON.stringify(net, null, 2) + '\n');
  say(netText(net));
  return code;
}

function isRunDir(arg: string): boolean {
  return existsSync(arg) && statSync(arg).isDirectory();
}

function fromScenario(arg: string, flags: SlottingFlags): History {
  const { scenario, source } = loadScenarioArg(arg);
  const seed = flags.seed ?? String(scenario.seed);
  const picks: PickLine[] = [];
  const engine = createEngine(scenario, {
    seed,
    journal: (e) => {
      const p = e.type === 'pick.confirmed' ? pickLineOf(e) : null;
      if (p) picks.push(p);
    },
  });
  const end = Math.round(flags.days * DAY_MS);
  const progress = createProgress(`history ${scenario.name}`, end, progressMode(flags.quiet));
  for (let t = 0; t < end;) {
    t = Math.min(end, t + 3_600_000);
    engine.runUntil(t);
    progress.update(t, engine.eventsProcessed());
  }
  progress.stop();
  return { scenario, source, seed, picks, days: flags.days, unitsOf: unitsIn(engine.stock('physical')) };
}

async function fromRunDir(dir: string, flags: SlottingFlags): Promise<History> {
  const runPath = join(dir, 'run.json');
  let run: { source?: unknown; seed?: unknown; reachedMs?: unknown };
  try {
    run = JSON.parse(readFileSync(runPath, 'utf8')) as typeof run;
  } catch (err) {
    throw runtimeError(
      `${displayPath(dir)}: not a run folder of \`bintwin run\` (${displayPath(runPath)}: ${(err as Error).message})`,
    );
  }
  if (typeof run.source !== 'string')
    throw runtimeError(`${displayPath(runPath)}: no "source" (the scenario file)`);
  const { scenario, source } = loadScenarioArg(run.source);
  const files = journalSegments(dir);
  if (files.length === 0)
    throw runtimeError(`${displayPath(dir)}: no journal.ndjson (was it run with --journal none?)`);
  const picks = await readPicks(files, (n) => {
    if (!flags.quiet)
      process.stderr.write(`history ${basename(dir)}: ${n.toLocaleString('en-US')} journal lines read\n`);
  });
  const seed = flags.seed ?? (run.seed === undefined ? String(scenario.seed) : String(run.seed as string));
  const days = typeof run.reachedMs === 'number' ? run.reachedMs / DAY_MS : flags.days;
  // The face stock the run ended with is not in the folder: the opening stock stands in.
  const unitsOf = unitsIn(createEngine(scenario, { seed }).stock('physical'));
  return { scenario, source, seed, picks, days, unitsOf };
}

function unitsIn(
  records: readonly { bin: string; sku: string; qty: number }[],
): (sku: string, bin: string) => number {
  const m = new Map<string, number>();
  for (const r of records) m.set(`${r.sku}@${r.bin}`, (m.get(`${r.sku}@${r.bin}`) ?? 0) + r.qty);
  return (sku, bin) => m.get(`${sku}@${bin}`) ?? 0;
}

function layoutOf(s: Scenario): Layout {
  return buildLayout(s.layout!);
}

/** The proposal as a scenario variant of the source: `extends` and the pinned faces. */
function variantScenario(s: Scenario, source: string, outDir: string, p: SlottingProposal): string {
  return (
    JSON.stringify(
      {
        schemaVersion: 1,
        extends: relative(outDir, source),
        name: `${s.name}-slotted`,
        description: `${s.name} re-slotted by ${p.method.toUpperCase()} (bintwin slotting)`,
        stock: { faces: p.faces },
      },
      null,
      2,
    ) + '\n'
  );
}

function experimentFile(
  s: Scenario,
  h: History,
  outDir: string,
  p: SlottingProposal,
  f: SlottingFlags,
  current: Record<string, string>,
  base: string,
): string {
  return (
    JSON.stringify(
      {
        name: `slotting-${s.name}`,
        description: `current slotting vs the ${p.method.toUpperCase()} re-slot proposal`,
        base: relative(outDir, base),
        variants: [
          // Both pinned (see frozenSite).
          { name: 'current', scenario: { stock: { faces: current } } },
          { name: 'proposed', scenario: { stock: { faces: p.faces } } },
        ],
        replications: f.replications,
        seed: h.seed,
        warmupHours: 0,
        runHours: f.runDays * 24,
        kpis: [
          { path: 'picking.travelKm', goal: 'min' },
          { path: 'picking.linesPerLabourHour', goal: 'max' },
          'picking.linesPicked',
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

/** The source scenario (its `extends` resolved) with the item master the history run built, as a list. */
function frozenSite(source: string, items: readonly Item[]): string {
  const read = baseReader(SHIPPED_SCENARIOS_DIR);
  const doc = resolveExtends(read(source, source).data, source, read) as Record<string, unknown>;
  doc['items'] = { list: items.map(({ index: _index, ...rest }) => rest) };
  return JSON.stringify(doc) + '\n';
}

function readResults(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw runtimeError(`cannot read ${displayPath(path)}: ${(err as Error).message}`);
  }
}

function netText(n: NetSaving): string {
  const ci =
    n.lo === null || n.hi === null
      ? 'no CI (fewer than 2 replications)'
      : `${Math.round(n.level * 100)}% CI ${fmt(n.lo)} to ${fmt(n.hi)}`;
  return (
    `measured: travel saving ${fmt(n.travelSavedKm)} km per replication (${fmt(n.travelSavedHours)} picker hours); ` +
    `net of ${fmt(n.labourHours)} labour hours for the moves: ${fmt(n.netHours)} hours (${ci}) — ${n.verdict}`
  );
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2);
}

function mkdir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw runtimeError(`cannot create output folder "${displayPath(dir)}": ${(err as Error).message}`);
  }
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (err) {
    throw runtimeError(`cannot write "${displayPath(path)}": ${(err as Error).message}`);
  }
}
