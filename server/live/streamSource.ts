import type { NetworkView } from '../../sim/networkApi.ts';
import type { ViewState } from '../../sim/viewApi.ts';
import type { ControlCommand, ControlReply } from '../../sim/view/protocol.ts';
import type { LiveRunner } from './runner.ts';
import type { TickOutput } from './viewPublisher.ts';

/**
 * What the socket stream serves: the views of one or more sites of the current run, controls,
 * and (network runs) the overview. A single-site runner is adapted by `singleSiteSource`; the
 * network runner implements it itself.
 */
export interface StreamSource {
  /** True when several sites are served (rooms carry the site; frames go to one site's rooms only). */
  readonly multiSite: boolean;
  /** The sites served, first = the default one. */
  sites(): string[];
  /** The latest view of one site (a served one). */
  view(site: string): ViewState;
  /** Applies a control command sent from a connection watching `site`. */
  control(cmd: ControlCommand, site: string): Promise<ControlReply>;
  /** Receives every tick's output of every site, with the site's name. */
  onTick(listener: (site: string, out: TickOutput) => void): void;
  /** The network overview (network runs), else null. */
  overview(): NetworkView | null;
  /** Receives each fresh overview (network runs; never called for single-site runs). */
  onOverview(listener: (view: NetworkView) => void): void;
}

/** The stream's view of a single-site runner: one site, named as its view names it. */
export function singleSiteSource(runner: LiveRunner): StreamSource {
  return {
    multiSite: false,
    sites: () => [runner.view().site],
    view: () => runner.view(),
    control: (cmd) => runner.control(cmd),
    onTick: (listener) => runner.onTick((out) => listener(out.view.site, out)),
    overview: () => null,
    onOverview: () => {},
  };
}
