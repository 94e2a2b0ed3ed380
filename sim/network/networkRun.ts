import { createEngine, restoreEngine, type SimEngine } from '../engineApi.ts';
import type { EngineSnapshot } from '../engine/world.ts';
import type { Scenario } from '../scenario/scenarioSchema.ts';
import type { JournalEvent } from '../journal/journalEvent.ts';
import type { TruthEvent } from '../exceptions/truthEvent.ts';
import { RandomStreams, type RandomStreamsState } from '../random/randomStreams.ts';
import { sampler } from '../random/distribution.ts';
import { Priority } from '../engine/eventKinds.ts';
import { schedule } from '../engine/applyEffects.ts';
import { startTransfers } from '../flows/transfers/transferRules.ts';
import { transfers, transfersState, type TransferMessage } from '../flows/transfers/transferState.ts';
import { transferSiteSchema, type TransferSiteSettings } from '../flows/transfers/transferSettings.ts';
import { shippedQty } from '../flows/transfers/transferDestination.ts';
import { sellableStatusOf } from '../flows/stockStatus/statusPolicy.ts';
import type { Network } from './networkSchema.ts';

const HOUR = 3_600_000;

/** Version of the network snapshot's own shape (each site's snapshot carries its own version). */
export const NETWORK_SNAPSHOT_VERSION = 1;

/** A transfer on the road: shipped, not yet at the destination's door. */
export interface Shipment {
  code: string;
  from: string;
  to: string;
  sku: string;
  units: number;
  value: number;
  shippedAt: number;
  arrivesAt: number;
}

/** The network's own state: goods on the road and the lanes' random streams. */
export interface NetworkState {
  shipments: Shipment[];
  /** Messages carried between sites so far. */
  messages: number;
  random: RandomStreamsState;
}

/** Everything needed to resume a network run exactly: every site's snapshot and the network state. */
export interface NetworkSnapshot {
  schemaVersion: number;
  network: string;
  seed: string;
  now: number;
  sites: Record<string, EngineSnapshot>;
  state: NetworkState;
}

/** Options of a network run. */
export interface NetworkOptions {
  seed?: number | string;
  /** Receives each site's journal events, with the site's name. */
  journal?: (site: string, e: JournalEvent) => void;
  /** Receives each site's truth events, with the site's name. */
  truth?: (site: string, e: TruthEvent) => void;
}

/** One site of a running network. */
export interface NetworkSite {
  name: string;
  role: 'dc' | 'branch';
  engine: SimEngine;
}

/** The seed each site's world runs with: the network's, with the site's name (own demand, own draws). */
export function siteSeed(seed: string, site: string): string {
  return `${seed}/${site}`;
}

/** A site's scenario with the network's item master in it. */
export function siteScenario(net: Network, i: number): Scenario {
  return { ...net.sites[i]!.scenario, items: net.items };
}

/** The transfer settings of one site, from the network's transfer block. */
export function siteTransferSettings(net: Network, site: string): TransferSiteSettings {
  const t = net.transfers;
  return transferSiteSchema.parse({
    site,
    rules: t.rules.filter((r) => r.to === site).map(({ to: _to, ...r }) => r),
    orders: t.orders.filter((o) => o.to === site),
    reviewEveryMinutes: t.reviewEveryMinutes,
    pickTime: t.pickTime,
    loadTime: t.loadTime,
    lateMode: t.lateMode,
    lateHours: t.lateHours,
    claims: t.claims,
  });
}

/**
 * A deterministic run of several sites on one sim clock. Each site is its own world; the runner
 * always advances the site whose next event is earliest (ties: the site listed first), by one
 * instant, then carries the messages that site's transfers flow left in its outbox to the other
 * sites as events at their due time (a shipped transfer arrives at ship time plus the lane's lead
 * time, drawn from the network's own stream). Since no site is ever ahead of the earliest event,
 * a message is always due at or after its receiver's clock, so the order of everything is a
 * function of scenario and seed alone, and a snapshot of every world plus the shipments on the
 * road resumes it exactly.
 */
export class NetworkRun {
  readonly sites: NetworkSite[];
  readonly state: NetworkState;
  now: number;
  private readonly random: RandomStreams;
  private readonly byName: Map<string, NetworkSite>;

  constructor(
    readonly net: Network,
    readonly seed: string,
    options: NetworkOptions = {},
    saved?: NetworkSnapshot,
  ) {
    if (saved && saved.network !== net.name)
      throw new Error(`snapshot is of network "${saved.network}", not "${net.name}"`);
    this.random = new RandomStreams(`${seed}/network`, saved?.state.random);
    this.now = saved?.now ?? 0;
    this.state = saved ? structuredClone(saved.state) : { shipments: [], messages: 0, random: {} };
    this.sites = net.sites.map((s, i) => {
      const scenario = siteScenario(net, i);
      const engineOptions = {
        seed: siteSeed(seed, s.name),
        itemSeed: seed,
        journal: options.journal ? (e: JournalEvent) => options.journal!(s.name, e) : undefined,
        truth: options.truth ? (e: TruthEvent) => options.truth!(s.name, e) : undefined,
      };
      const snap = saved?.sites[s.name];
      if (saved && !snap) throw new Error(`snapshot has no site ${s.name}`);
      const engine = snap
        ? restoreEngine(scenario, snap, engineOptions)
        : createEngine(scenario, engineOptions);
      if (engine.site().name !== s.name)
        throw new Error(
          `sites[${i}]: the site is named ${s.name} but its layout names it ${engine.site().name}`,
        );
      return { name: s.name, role: s.role, engine };
    });
    this.byName = new Map(this.sites.map((s) => [s.name, s]));
    if (!saved) for (const s of this.sites) startTransfers(s.engine.world, siteTransferSettings(net, s.name));
  }

  /** Processes every event of every site with time ≤ t, in time order across the network. */
  runUntil(t: number): void {
    for (;;) {
      let best = -1;
      let at = Infinity;
      this.sites.forEach((s, i) => {
        const q = s.engine.world.queue;
        if (q.size > 0) {
          const next = q.peekTime();
          if (next <= t && next < at) {
            at = next;
            best = i;
          }
        }
      });
      if (best < 0) break;
      this.sites[best]!.engine.runUntil(at);
      this.carry(this.sites[best]!);
    }
    for (const s of this.sites) s.engine.runUntil(t);
    if (t > this.now) this.now = t;
    this.state.shipments = this.state.shipments.filter((x) => x.arrivesAt > this.now);
  }

  /** Time of the earliest pending event of any site (a live "step" runs to it); null when none is. */
  nextEventTime(): number | null {
    let at = Infinity;
    for (const s of this.sites) {
      const q = s.engine.world.queue;
      if (q.size > 0) at = Math.min(at, q.peekTime());
    }
    return at === Infinity ? null : at;
  }

  /** One site by name (the live server addresses sites by the `site` URL parameter). */
  site(name: string): NetworkSite | undefined {
    return this.byName.get(name);
  }

  /** Delivers the messages a site left in its outbox. */
  private carry(from: NetworkSite): void {
    const st = transfers.peek(from.engine.world);
    if (!st || st.outbox.length === 0) return;
    const out = st.outbox.splice(0);
    for (const m of out) {
      const to = this.byName.get(m.to);
      if (!to) throw new Error(`${from.name} sent a transfer message to unknown site ${m.to}`);
      let due = Math.max(m.at, from.engine.now());
      if (m.msg.kind === 'shipped') due = this.ship(m.msg, due);
      this.deliver(to, m.msg, due);
    }
  }

  /** A shipped transfer takes the road: its arrival is due after the lane's lead time. */
  private ship(msg: Extract<TransferMessage, { kind: 'shipped' }>, at: number): number {
    const d = msg.doc;
    const lane = this.net.lanes.find((l) => l.from === d.from && l.to === d.to);
    if (!lane) throw new Error(`transfer ${d.code}: no lane from ${d.from} to ${d.to}`);
    const hours = sampler(lane.leadTimeHours)(this.random.stream(`lane/${d.from}>${d.to}`));
    const arrivesAt = at + Math.max(1, Math.round(hours * HOUR));
    const item = this.byName
      .get(d.from)!
      .engine.site()
      .items.find((i) => i.sku === d.sku);
    const units = shippedQty(d);
    const consigned = sellableStatusOf(this.byName.get(d.from)!.engine.world, d.sku) === 'consigned';
    this.state.shipments.push({
      code: d.code,
      from: d.from,
      to: d.to,
      sku: d.sku,
      units,
      // A consigned item's goods are the vendor's on the road too: counted, not valued.
      value: consigned ? 0 : Math.round(units * (item?.unitCost ?? 0) * 100) / 100,
      shippedAt: d.shippedAt,
      arrivesAt,
    });
    return arrivesAt;
  }

  private deliver(to: NetworkSite, msg: TransferMessage, due: number): void {
    const w = to.engine.world;
    const st = transfersState(w);
    const n = ++st.nextMessage;
    st.inbox[n] = msg;
    this.state.messages++;
    schedule(w, due, Priority.arrival, transfers.ev.transferMessage, n, 0);
  }

  /** Everything needed to resume exactly, as plain JSON. */
  snapshot(): NetworkSnapshot {
    const sites: Record<string, EngineSnapshot> = {};
    for (const s of this.sites) sites[s.name] = s.engine.snapshot();
    return {
      schemaVersion: NETWORK_SNAPSHOT_VERSION,
      network: this.net.name,
      seed: this.seed,
      now: this.now,
      sites,
      state: { ...structuredClone(this.state), random: this.random.state() },
    };
  }
}

/** Starts a network run at time 0. */
export function createNetwork(net: Network, options: NetworkOptions = {}): NetworkRun {
  return new NetworkRun(net, String(options.seed ?? net.seed), options);
}

/** Resumes a network run from a snapshot taken by `snapshot()` on the same network scenario. */
export function restoreNetwork(
  net: Network,
  saved: NetworkSnapshot,
  options: NetworkOptions = {},
): NetworkRun {
  if (saved.schemaVersion !== NETWORK_SNAPSHOT_VERSION)
    throw new Error(
      `network snapshot version ${saved.schemaVersion}, this build reads ${NETWORK_SNAPSHOT_VERSION}`,
    );
  return new NetworkRun(net, saved.seed, options, saved);
}
