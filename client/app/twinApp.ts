import {
  transactionLabel,
  type AlertMessage,
  type ForecastResult,
  type Role,
} from '../../sim/view/protocol.ts';
import type { ScenarioListResponse, ViewState } from '../../sim/viewApi.ts';
import { AlertFeed, simClock } from '../model/alertFeed.ts';
import { inspectBin } from '../model/binInspector.ts';
import { headlineTiles, KpiHistory } from '../model/kpiBoard.ts';
import { bannerFor, type LinkStatus } from '../model/linkStatus.ts';
import { fetchBinDetail } from '../net/binDetail.ts';
import { LiveLink, type ViewChange } from '../net/liveLink.ts';
import { FloorView, type FloorHit } from '../render/floorView.ts';
import { AlertFeedView } from '../ui/alertFeedView.ts';
import { BannerView } from '../ui/bannerView.ts';
import { ControlsView } from '../ui/controlsView.ts';
import { ForecastPanel, refusalText, type ForecastAsk } from '../ui/forecastPanel.ts';
import { ForecastTile } from '../ui/forecastTile.ts';
import { h } from '../ui/dom.ts';
import { InspectorView } from '../ui/inspectorView.ts';
import { KpiTilesView } from '../ui/kpiTilesView.ts';
import { LayerPicker } from '../ui/layerPicker.ts';
import { SiteBar } from '../ui/siteBar.ts';
import type { PageParams } from './pageParams.ts';
import { ZoneCycler } from './zoneCycler.ts';

/** Panels are redrawn at most this often (ms); the floor itself draws every frame. */
const UI_EVERY_MS = 250;

/**
 * The live page, floor view or wall screen: connects, mirrors the view, and keeps floor, KPI
 * tiles, alert feed, banner and (for trainers) controls in step. The wall screen is the same
 * page without controls, with large tiles, and optionally cycling between zones.
 */
export class TwinApp {
  private readonly link: LiveLink;
  private floor!: FloorView;
  private readonly feed = new AlertFeed();
  private readonly history = new KpiHistory();
  private role: Role | null = null;
  private status: LinkStatus = { phase: 'connecting', lastMessageAt: null, attempts: 0, reason: null };
  private readonly tiles: KpiTilesView;
  private readonly feedView: AlertFeedView;
  private readonly banner = new BannerView();
  private readonly inspector: InspectorView;
  private readonly controls: ControlsView;
  private readonly forecast = new ForecastPanel((ask) => this.askForecast(ask));
  private readonly forecastTile = new ForecastTile();
  private readonly clock = h('span', { class: 'clock' });
  private readonly runLabel = h('span', { class: 'run' });
  private readonly siteBar = new SiteBar();
  /** The site watched on a network run (from the welcome); null on a single-site run. */
  private site: string | null = null;
  /** Every site a view arrived for (a network viewer must only ever see its own). */
  private readonly sitesSeen = new Set<string>();
  private uiDirty = true;
  private lastUi = 0;
  private selected: FloorHit = null;
  private cycler: ZoneCycler | null = null;
  private pending: { view: ViewState; change: ViewChange }[] = [];
  private snapshots = 0;

  private constructor(
    private readonly root: HTMLElement,
    private readonly params: PageParams,
  ) {
    const wall = params.mode === 'wall';
    this.tiles = new KpiTilesView(wall);
    // A wall screen leads with exceptions: routine events (info level, such as a count posted
    // with no variance, dozens an hour) would push them off the list. The floor view shows all.
    this.feedView = new AlertFeedView(
      wall ? 'Alerts' : 'Alerts and events',
      wall ? null : (code) => this.selectBinByCode(code),
      wall ? (e) => e.alert.severity === 'info' : undefined,
    );
    this.inspector = new InspectorView(() => this.deselect());
    const cycling = params.cycle === 'all' || params.cycle.length > 0;
    this.link = new LiveLink(
      {
        onView: (view, change) => this.onView(view, change),
        onAlert: (m) => this.onAlert(m),
        onWelcome: (m) => {
          this.role = m.role;
          this.controls.setCauses(m.causes);
          this.onSites(m.sites, m.site);
          this.uiDirty = true;
        },
        onStatus: (s) => {
          this.status = s;
          this.renderBanner();
        },
        onForecast: (m) => {
          this.forecast.show(m.forecast);
          this.forecastTile.show(m.forecast);
        },
        onNetwork: (m) => this.siteBar.render(m.view),
      },
      // The site strip follows the overview over this socket (the network room), not by polling.
      { token: params.token, zone: cycling ? null : params.zone, site: params.site, overview: true },
    );
    this.controls = new ControlsView((cmd) => this.link.control(cmd));
  }

  /** Builds the page inside `root` and connects. */
  static async start(root: HTMLElement, params: PageParams): Promise<TwinApp> {
    const app = new TwinApp(root, params);
    await app.mount();
    return app;
  }

  private async mount(): Promise<void> {
    const wall = this.params.mode === 'wall';
    document.body.classList.add(wall ? 'mode-wall' : 'mode-floor');
    const floorHost = h('div', { class: 'floor', 'data-testid': 'floor' });
    const header = h(
      'header',
      { class: 'top' },
      h('h1', {}, 'bintwin'),
      this.runLabel,
      this.clock,
      this.siteBar.el,
      wall ? null : this.controls.el,
    );
    if (wall) this.tiles.el.append(this.forecastTile.el);
    const side = h(
      'div',
      { class: 'side' },
      wall ? null : this.forecast.el,
      wall ? null : this.tiles.el,
      this.feedView.el,
    );
    this.root.replaceChildren(
      this.banner.el,
      header,
      wall ? this.tiles.el : '',
      h('main', { class: 'main' }, floorHost, side, wall ? null : this.inspector.el),
    );
    this.floor = await FloorView.create(floorHost, !wall, wall);
    if (!wall) {
      this.floor.stage.insetTop = 120;
      const picker = new LayerPicker((layer) => this.floor.setLayer(layer));
      picker.render(this.floor.currentLayer);
      floorHost.append(
        picker.el,
        h('button', { class: 'fit', type: 'button', onclick: () => this.floor.focus(null) }, 'Fit'),
      );
      this.floor.onClick((hit) => this.select(hit));
      void this.loadScenarios();
    }
    for (const p of this.pending) this.onView(p.view, p.change);
    this.pending = [];
    this.floor.stage.app.ticker.add(() => this.frame());
    setInterval(() => this.renderBanner(), 1000);
    this.expose();
  }

  /** A network run: remember the site, show the strip, and put the site in the URL for reloads. */
  private onSites(sites: string[], site: string | null): void {
    this.site = sites.length > 1 ? site : null;
    this.siteBar.setSites(sites, site, this.params.site);
    if (sites.length > 1 && site !== null && this.params.site === null) {
      const url = new URL(window.location.href);
      url.searchParams.set('site', site);
      window.history.replaceState(null, '', url);
    }
  }

  private onView(view: ViewState, change: ViewChange): void {
    this.sitesSeen.add(view.site);
    if (!this.floor) {
      // Views can arrive before Pixi is ready; keep only the latest snapshot and what follows.
      if (change === 'snapshot') this.pending = [];
      this.pending.push({ view, change });
      return;
    }
    this.floor.update(view, change);
    if (change === 'snapshot') {
      this.snapshots++;
      this.startCycling(view);
      if (this.params.zone && !this.cycler) this.floor.focus(this.params.zone);
    }
    if (change !== 'positions') this.uiDirty = true;
    else if (this.selected?.kind === 'worker') this.uiDirty = true;
    this.renderBanner();
  }

  private onAlert(m: AlertMessage): void {
    if (!this.feed.push(m.seq, m.change, m.alert)) return;
    this.uiDirty = true;
    const bin = m.alert.bin;
    if (bin && transactionLabel(m.alert.kind)?.marksCount) this.floor?.noteCount(bin, m.alert.since);
  }

  private startCycling(view: ViewState): void {
    const p = this.params;
    if (p.cycle !== 'all' && p.cycle.length === 0) return;
    const zones = p.cycle === 'all' ? view.zones.map((z) => z.id) : p.cycle;
    this.cycler?.stop();
    this.cycler = new ZoneCycler(zones, p.cycleSeconds * 1000, (z) => this.floor.focus(z));
  }

  private frame(): void {
    const now = performance.now();
    if (!this.uiDirty || now - this.lastUi < UI_EVERY_MS) return;
    this.uiDirty = false;
    this.lastUi = now;
    const view = this.link.view;
    if (!view) return;
    const tiles = headlineTiles(view.kpis, view.alerts);
    const sampled = this.history.sample(view.simTime, tiles);
    this.tiles.render(tiles, this.history, sampled);
    this.feedView.render(this.feed.list(), view.alerts.length);
    this.clock.textContent = simClock(view.simTime);
    const speed = view.run.speed === 'max' ? 'max' : `×${view.run.speed}`;
    this.runLabel.textContent = `${view.site} · ${view.run.scenario} · ${view.run.paused ? 'paused' : speed}`;
    if (this.params.mode !== 'wall') {
      this.controls.render(this.role, view.run);
      this.forecast.setRole(this.role);
    }
    this.refreshInspector(view);
  }

  private renderBanner(): void {
    const b = bannerFor(this.status, Date.now(), this.link?.view?.run.paused ?? false);
    this.banner.render(b);
    // Stale data is dimmed, never shown as if it were live.
    this.root.classList.toggle('stale', b !== null && this.status.phase !== 'live');
  }

  private select(hit: FloorHit): void {
    this.selected = hit;
    if (!hit) return this.deselect();
    if (hit.kind === 'bin') void this.loadBin(hit.row);
    else this.uiDirty = true;
  }

  private deselect(): void {
    this.selected = null;
    this.inspector.close();
  }

  private selectBinByCode(code: string): void {
    const row = this.link.view?.bins.code.indexOf(code) ?? -1;
    if (row >= 0) this.select({ kind: 'bin', row });
  }

  private async loadBin(row: number): Promise<void> {
    const view = this.link.view;
    if (!view) return;
    const code = view.bins.code[row]!;
    this.inspector.showBin(inspectBin(view, row, null, this.feed.forBin(code), 'Loading detail…'));
    const r = await fetchBinDetail(code, this.params.token, { site: this.site });
    const now = this.link.view;
    if (!now || this.selected?.kind !== 'bin' || this.selected.row !== row) return;
    this.inspector.showBin(
      inspectBin(now, row, r.ok ? r.detail : null, this.feed.forBin(code), r.ok ? null : r.note),
    );
  }

  private refreshInspector(view: ViewState): void {
    const s = this.selected;
    if (s?.kind !== 'worker') return;
    const w = view.workers.find((x) => x.code === s.id);
    if (!w) return this.deselect();
    this.inspector.showWorker({
      id: w.code,
      // A trainee-driven worker says so in the inspector, as its square marker does on the floor.
      role: w.trainee ? `${w.role} (trainee)` : w.role,
      device: w.device,
      task: w.task,
      moving: w.moving,
      x: w.x,
      y: w.y,
      actions: this.floor.workerActions(w.code),
    });
  }

  /** Asks the server for a fork-from-now forecast of the live run (trainer or admin token). */
  private async askForecast(
    ask: ForecastAsk,
  ): Promise<{ ok: true; result: ForecastResult } | { ok: false; message: string }> {
    const run = this.link.view?.run.runId;
    if (!run) return { ok: false, message: 'no live run yet' };
    const token = this.params.token;
    try {
      const res = await fetch(`/api/runs/${encodeURIComponent(run)}/forecast`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(ask),
      });
      const body = (await res.json()) as unknown;
      return res.ok
        ? { ok: true, result: body as ForecastResult }
        : { ok: false, message: refusalText(res.status, body) };
    } catch {
      return { ok: false, message: 'no answer from the server' };
    }
  }

  private async loadScenarios(): Promise<void> {
    try {
      // The library is not anonymous (README, Access): trainers and admins send their token.
      const token = this.params.token;
      const res = await fetch(
        '/api/scenarios',
        token ? { headers: { authorization: `Bearer ${token}` } } : {},
      );
      if (!res.ok) return;
      const body = (await res.json()) as Partial<ScenarioListResponse>;
      this.controls.setScenarios((body.scenarios ?? []).filter((s) => !s.error).map((s) => s.name));
      this.uiDirty = true;
    } catch {
      // No list: the scenario picker stays empty; everything else works.
    }
  }

  /** Test and debugging hook: `window.__bintwin`. Read-only figures plus a way to locate a bin. */
  private expose(): void {
    const hook = {
      floor: () => this.floor.debug(),
      status: () => ({ ...this.status, banner: this.banner.el.hidden ? null : this.banner.el.textContent }),
      view: () => {
        const v = this.link.view;
        return (
          v && {
            seq: v.seq,
            simTime: v.simTime,
            bins: v.bins.code.length,
            workers: v.workers.length,
            alerts: v.alerts.length,
            site: v.site,
          }
        );
      },
      role: () => this.role,
      site: () => this.site,
      sitesSeen: () => [...this.sitesSeen],
      snapshots: () => this.snapshots,
      feed: () => this.feed.list().length,
      binCode: (row: number) => this.link.view?.bins.code[row] ?? null,
      screenOfBin: (code: string) => {
        const row = this.link.view?.bins.code.indexOf(code) ?? -1;
        return row < 0 ? null : this.floor.screenOfBin(row);
      },
      focus: (zone: string | null) => this.floor.focus(zone),
      zoomAt: (code: string, pxPerMetre: number) => {
        const row = this.link.view?.bins.code.indexOf(code) ?? -1;
        const p = row < 0 ? null : this.floor.screenOfBin(row);
        if (!p) return false;
        const w = this.floor.stage.viewport.toWorld(p.x, p.y);
        this.floor.stage.viewport.setZoom(pxPerMetre, true);
        this.floor.stage.viewport.moveCenter(w.x, w.y);
        this.floor.stage.viewport.emit('zoomed', { viewport: this.floor.stage.viewport, type: 'wheel' });
        return true;
      },
      drawnPixels: () => this.floor.drawnPixels(),
      selectWorker: (id: string) => this.select({ kind: 'worker', id }),
      setLayer: (layer: Parameters<FloorView['setLayer']>[0]) => this.floor.setLayer(layer),
    };
    (window as unknown as { __bintwin: typeof hook }).__bintwin = hook;
  }
}
