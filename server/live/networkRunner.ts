import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { diffViews, type BinDetailView, type RunStatus, type ViewState } from '../../sim/viewApi.ts';
import {
  networkKpis,
  networkView,
  type Network,
  type NetworkKpiReport,
  type NetworkView,
} from '../../sim/networkApi.ts';
import type { ControlCommand, ControlReply } from '../../sim/view/protocol.ts';
import type { PacingState } from './checkpointFile.ts';
import { Pacer } from './pacer.ts';
import type { DataDir } from './dataDir.ts';
import type { JournalOptions } from './liveRun.ts';
import { NetworkLiveRun } from './networkLiveRun.ts';
import type { RunEntry, RunIndex } from './runIndex.ts';
import type { TickOutput } from './viewPublisher.ts';
import type { StreamSource } from './streamSource.ts';
import type { Problem } from '../scenarioProblems.ts';
import { problemsText } from './scenarioBudget.ts';
import type { Engine } from '../../sim/index.ts';
import { rebuildNetworkRun, type NetworkRebuildDeps } from './networkRebuild.ts';
import { JUMP_CHUNK_MS } from './pacer.ts';
import { siteDir } from './networkLiveRun.ts';
import { RunBusyError } from './runner.ts';

/** Wall ms between KPI (and overview) recomputations: they scan every site's history. */
const KPI_REFRESH_MS = 1000;

/** What the network runner needs. */
export interface NetworkRunnerOptions {
  data: DataDir;
  index: RunIndex;
  log: Logger;
  /** Loads a network scenario by name (shipped or a path), validated. */
  load: (name: string) => Network;
  tickMs?: number;
  checkpointEveryMs?: number;
  journal?: JournalOptions;
  /** Size budgets a network must fit before a run of it is built (problems; empty = fits). */
  budget?: (net: Network) => Problem[];
  /** On resume and rollback: each site's acknowledged feed entries after the checkpoint. */
  backlog?: NetworkRebuildDeps['backlog'];
}

const BUSY = 'the network run is being reset, advanced or rolled back; retry shortly';

/**
 * Paces a network run against the wall clock, as LiveRunner paces one site: one sim clock for
 * every site (the network runner of sim/network advances them), one view per site (each its own
 * seq, diffed and published to that site's rooms), the overview once a second, checkpoints of
 * the whole network. Controls act on the whole network (pause, speed, jump, step, reset, load),
 * an injection on the site the sender watches.
 */
export class NetworkRunner implements StreamSource {
  readonly multiSite = true;
  private live!: NetworkLiveRun;
  /** Speed, pause and jumps: the same pacing as a single-site run. */
  private readonly pacer: Pacer;
  private timer: NodeJS.Timeout | null = null;
  private views = new Map<string, ViewState>();
  private kpiCache: { at: number; report: NetworkKpiReport; overview: NetworkView } | null = null;
  private busy = false;
  /** The rollback in progress (feeds and controls wait for it). */
  private rebuilding: Promise<void> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly tickListeners: ((site: string, out: TickOutput) => void)[] = [];
  private readonly overviewListeners: ((view: NetworkView) => void)[] = [];
  private readonly tickMs: number;
  private readonly checkpointEveryMs: number;

  /** Creates a stopped runner; call `start` or `resume`. */
  constructor(private readonly opts: NetworkRunnerOptions) {
    this.tickMs = opts.tickMs ?? 100;
    this.checkpointEveryMs = opts.checkpointEveryMs ?? 10 * 60_000;
    this.pacer = new Pacer(
      {
        id: () => this.live.id,
        now: () => this.now(),
        runTo: (t) => this.runTo(t),
        step: () => {
          // One instant of the network: everything due at the earliest pending event of any site.
          const at = this.live.run.nextEventTime();
          if (at === null) return 'nothing is pending at any site';
          this.runTo(at);
          return null;
        },
      },
      this.tickMs,
      opts.log,
    );
  }

  /** The pacing in force (saved with each checkpoint). */
  private get pacing(): PacingState {
    return this.pacer.state;
  }

  /** Starts a new run of a network, or resumes `entry` (a network run folder). */
  async start(s: {
    network?: Network;
    seed?: string;
    pacing: PacingState;
    resume?: RunEntry;
  }): Promise<void> {
    if (s.resume) {
      // The checkpoint, then every site's acknowledged feed entries after it (networkRebuild.ts).
      const r = await rebuildNetworkRun(this.opts, s.resume);
      this.live = r.run;
      this.pacer.state = r.pacing;
    } else {
      this.pacer.state = { ...s.pacing };
      this.live = await this.newRun(s.network!, s.seed);
    }
    this.pacer.anchor();
    this.reproject();
    this.timer = setInterval(() => this.tick(), this.tickMs);
  }

  /** Refuses a network over the size budgets, naming each problem by path. */
  private checkBudget(net: Network): void {
    const over = this.opts.budget?.(net) ?? [];
    if (over.length > 0)
      throw new Error(`network scenario "${net.name}" is over budget: ${problemsText(over)}`);
  }

  private newRun(net: Network, seed?: string): Promise<NetworkLiveRun> {
    this.checkBudget(net);
    return NetworkLiveRun.create(
      this.opts.data,
      this.opts.index,
      net,
      seed ?? String(net.seed),
      this.pacing,
      this.opts.log,
      this.opts.journal,
    );
  }

  /** The sites of the run, in the network's order. */
  sites(): string[] {
    return this.live.run.sites.map((s) => s.name);
  }

  /** The latest view of one site. */
  view(site: string): ViewState {
    const v = this.views.get(site);
    if (!v) throw new Error(`unknown site "${site}"`);
    return v;
  }

  /** The network overview as of the last KPI refresh. */
  overview(): NetworkView {
    return this.kpis().overview;
  }

  /** The network and per-site KPIs (kpis.json's shape), fresh. */
  report(): NetworkKpiReport {
    return this.kpis(true).report;
  }

  /** Receives every tick's output of every site. */
  onTick(listener: (site: string, out: TickOutput) => void): void {
    this.tickListeners.push(listener);
  }

  /** Receives each refreshed overview. */
  onOverview(listener: (view: NetworkView) => void): void {
    this.overviewListeners.push(listener);
  }

  /** The run status as viewers see it (the network's name stands for the scenario). */
  status(): RunStatus {
    return {
      runId: this.live.id,
      scenario: this.live.net.name,
      seed: this.live.seed,
      speed: this.pacing.speed,
      paused: this.pacing.paused,
      until: this.pacing.until,
    };
  }

  /** The current run's id, folder, network and sim time. */
  currentRun(): { id: string; folder: string; network: Network; simTime: number } {
    return { id: this.live.id, folder: this.live.folder, network: this.live.net, simTime: this.live.run.now };
  }

  /** Both ledgers, recent events and open tasks of one bin of one site; null for an unknown site or bin. */
  binDetail(site: string, code: string): BinDetailView | null {
    const s = this.live.run.site(site);
    return s ? s.engine.binDetail(code, this.live.recent(site, code)) : null;
  }

  /** One tick: advance every site, checkpoint when due, publish each site's changes. */
  tick(): void {
    if (this.busy) return;
    this.pacer.advance();
    this.publish(false);
  }

  private now(): number {
    return this.live.run.now;
  }

  private runTo(target: number): void {
    if (target > this.now()) this.live.run.runUntil(target);
    if (this.now() - this.live.lastCheckpointAt >= this.checkpointEveryMs) this.checkpoint();
  }

  private checkpoint(): void {
    this.live.checkpoint(this.pacing, this.kpis(true).report);
  }

  private kpis(fresh = false): { at: number; report: NetworkKpiReport; overview: NetworkView } {
    const wall = performance.now();
    if (fresh || !this.kpiCache || wall - this.kpiCache.at >= KPI_REFRESH_MS) {
      const report = networkKpis(this.live.run);
      this.kpiCache = { at: wall, report, overview: networkView(this.live.run, report) };
      for (const l of this.overviewListeners) l(this.kpiCache.overview);
    }
    return this.kpiCache;
  }

  /** Projects every site afresh (a new or resumed run: no previous views). */
  private reproject(): void {
    this.kpiCache = null;
    const { report } = this.kpis();
    this.views = new Map(
      this.live.run.sites.map((s) => [
        s.name,
        s.engine.project(this.status(), 0, { kpis: report.sites[s.name]! }),
      ]),
    );
  }

  private publish(reset: boolean): void {
    const events = this.live.commit();
    if (reset) this.reproject();
    const { report } = this.kpis();
    const at = performance.now();
    for (const s of this.live.run.sites) {
      const prev = this.views.get(s.name)!;
      const next = reset
        ? prev
        : s.engine.project(this.status(), prev.seq + 1, { kpis: report.sites[s.name]!, previous: prev });
      const delta = reset ? null : diffViews(prev, next);
      if (!reset && !delta) continue;
      this.views.set(s.name, next);
      const out: TickOutput = { view: next, delta, events: events.get(s.name) ?? [], reset, at };
      for (const l of this.tickListeners) l(s.name, out);
    }
  }

  /**
   * Applies feed entries to one site's world, then makes that site's journal durable at once, so
   * a feed acknowledges only what is on disk; viewers see it at the next tick. Refused while a
   * reset, jump or rollback swaps or advances the network.
   */
  applyExternal<T>(site: string, apply: (engine: Engine) => T): T {
    if (this.busy) throw new RunBusyError(BUSY);
    const s = this.live.run.site(site);
    if (!s) throw new RunBusyError(`site ${site} is not in the current network run`);
    const out = apply(s.engine);
    this.live.syncSite(site);
    return out;
  }

  /** Reads one site's engine for a route (no journal commit: nothing changed); refused while busy. */
  read<T>(site: string, query: (engine: Engine) => T): T {
    if (this.busy) throw new RunBusyError(BUSY);
    const s = this.live.run.site(site);
    if (!s) throw new RunBusyError(`site ${site} is not in the current network run`);
    return query(s.engine);
  }

  /** A site's feed log folder in the current run and the feed entries its last checkpoint holds. */
  siteFeedRun(site: string): { folder: string; checkpointApplied: number } {
    return {
      folder: siteDir(this.live.folder, site),
      checkpointApplied: this.live.checkpointApplied.get(site) ?? 0,
    };
  }

  /** The rollback in progress, if any. */
  rollingBack(): Promise<void> | null {
    return this.rebuilding;
  }

  /**
   * Rolls the whole network back to its checkpoint and every site's feed log after a feed entry
   * threw part-way into one site's world (its void is logged already), as a single-site run
   * does (runnerRollback.ts): the half-changed worlds are dropped unwritten, the network is
   * rebuilt without the voided entry and advanced back to the sim time it had reached.
   */
  rollback(reason: string): Promise<void> {
    if (this.rebuilding) return this.rebuilding;
    this.busy = true;
    const old = this.live;
    const target = old.run.now;
    old.abandon();
    this.opts.log.warn(
      { run: old.id, simTime: target, reason },
      'rolling the network back to its checkpoint',
    );
    this.rebuilding = (async () => {
      await old.settled();
      const entry = this.opts.index.get(old.id);
      if (!entry) throw new Error(`run ${old.id} is not in the run index`);
      const { run } = await rebuildNetworkRun(this.opts, entry, this.pacing);
      this.live = run;
      while (run.run.now < target) {
        run.run.runUntil(Math.min(target, run.run.now + JUMP_CHUNK_MS));
        await new Promise<void>((r) => setImmediate(r));
      }
      this.busy = false;
      this.pacer.anchor();
      this.publish(true);
    })()
      .catch((err: unknown) => {
        this.opts.log.error(
          { err, run: old.id },
          'network rollback failed: the run refuses work until a restart',
        );
        throw err;
      })
      .finally(() => {
        this.rebuilding = null;
      });
    return this.rebuilding;
  }

  /** Applies a control after any in progress; `site` is the sender's (injections act there). */
  control(cmd: ControlCommand, site: string): Promise<ControlReply> {
    const next = this.queue
      .then(() => this.rebuilding?.catch(() => undefined))
      .then(() => this.apply(cmd, site));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private ack(cmd: ControlCommand, message?: string): ControlReply {
    return {
      type: 'control.ack',
      command: cmd.type,
      run: this.status(),
      simTime: this.now(),
      ...(message === undefined ? {} : { message }),
    };
  }

  private fail(cmd: ControlCommand, code: 'invalid' | 'failed', message: string): ControlReply {
    return { type: 'control.error', command: cmd.type, code, message };
  }

  private async apply(cmd: ControlCommand, site: string): Promise<ControlReply> {
    const paced = await this.pacer.command(cmd, (on) => (this.busy = on));
    if (paced !== null) {
      if (!paced.ok) return this.fail(cmd, 'invalid', paced.message);
      this.publish(false);
      return this.ack(cmd);
    }
    switch (cmd.type) {
      case 'control.reset':
      case 'control.load': {
        const name = cmd.type === 'control.load' ? cmd.scenario : this.live.net.name;
        let net: Network;
        try {
          net = cmd.type === 'control.load' ? this.opts.load(name) : this.live.net;
          this.checkBudget(net);
        } catch (err) {
          return this.fail(
            cmd,
            'invalid',
            `${err instanceof Error ? err.message : String(err)} (this server runs a network: load another network, or restart with \`bintwin serve <scenario>\` for a single site)`,
          );
        }
        const seed =
          cmd.seed !== undefined
            ? String(cmd.seed)
            : cmd.type === 'control.reset'
              ? this.live.seed
              : undefined;
        this.busy = true;
        try {
          const next = await this.newRun(net, seed);
          await this.live.close(this.pacing, true, this.kpis(true).report);
          this.pacer.state = { ...this.pacing, until: null };
          this.live = next;
          this.pacer.anchor();
        } catch (err) {
          this.opts.log.error({ err, network: name }, 'building the new network run failed');
          return this.fail(
            cmd,
            'failed',
            `could not build a run of "${name}": ${err instanceof Error ? err.message : String(err)}`,
          );
        } finally {
          this.busy = false;
        }
        this.publish(true);
        return this.ack(cmd);
      }
      case 'control.inject': {
        const s = this.live.run.site(site);
        if (!s) return this.fail(cmd, 'invalid', `unknown site "${site}"`);
        const r = s.engine.apply({ type: 'inject', cause: cmd.exception, bin: cmd.bin });
        if (!r.ok) return this.fail(cmd, 'invalid', r.message);
        // An input the run cannot regenerate: checkpointed at once, as for a single site.
        this.checkpoint();
        this.publish(false);
        return this.ack(cmd, `${site}: ${r.message}`);
      }
    }
    this.publish(false);
    return this.ack(cmd);
  }

  /** Stops ticking, writes a final checkpoint (and kpis.json) and closes every journal. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue;
    await this.rebuilding?.catch(() => undefined);
    if (this.live) await this.live.close(this.pacing, false, this.kpis(true).report);
  }
}
