import type { FeedEntry, ScanMessage } from '../../../sim/mirrorApi.ts';
import { epcKeys, scanInProgress, scanLocation } from '../../../sim/mirrorApi.ts';
import type { Network } from '../../../sim/networkApi.ts';
import { HttpError } from '../../http/httpErrors.ts';
import type { NetworkRunner } from '../../live/networkRunner.ts';
import type { DeviceRegistry } from '../devices.ts';
import type { FeedSink } from '../feedContext.ts';
import type { Ack, FeedIngest } from '../feedIngest.ts';
import type { KnownKey } from '../feedLog.ts';
import { epcisLocations } from '../epcis/epcisLocations.ts';

/**
 * Routes a network run's feed messages to the site they belong to, each site with its own
 * write-ahead ingest (FeedIngest bound to that site: its feed log in `sites/<site>/`). A site is
 * known by its GLN (`sites[].gln`); a GLN of no site of the network is refused, naming it.
 * - A scan goes where its location is: a bin label with a GLN (AI 414, bin in AI 254) to that
 *   GLN's site; a bare bin label to the device's own site (`site` at registration). An item or
 *   quantity scan follows the device's sequence under way (at the site of its last location
 *   scan, else wherever one is under way, its own site first), else goes to its own site.
 * - An EPCIS event goes to the site of its readPoint or bizLocation GLN (they must agree); each
 *   GLN it names (source and destination too) must be a site's (`locationProblems`, checked
 *   with the other validation before acceptance).
 * - A retried key goes where the first went (so it is answered as a duplicate).
 */
export class NetworkFeedRouter implements FeedSink {
  /** The site each device's last location scan went to (its item and quantity scans follow). */
  private readonly lastLocation = new Map<string, string>();

  /** Routes into these ingests (one per site of the run); `network()` is the current run's network. */
  constructor(
    private readonly o: {
      runner: NetworkRunner;
      devices: DeviceRegistry;
      /** The ingest of one site (made on first use: a loaded network may have other sites). */
      ingestFor: (site: string) => FeedIngest;
      network: () => Network;
    },
  ) {}

  /** Queues a message at its site's ingest; rejects (422/403/400) when it belongs to no site. */
  submit(key: string, entry: FeedEntry): Promise<Ack> {
    let site: string;
    try {
      site = this.siteOf(key, entry);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return this.o.ingestFor(site).submit(key, entry);
  }

  /** What any site's log knows of a key. */
  known(key: string): KnownKey | undefined {
    for (const site of this.o.runner.sites()) {
      const k = this.o.ingestFor(site).known(key);
      if (k) return k;
    }
    return undefined;
  }

  /** The site a message goes to; throws an HttpError naming why it goes nowhere. */
  siteOf(key: string, entry: FeedEntry): string {
    for (const site of this.o.runner.sites()) if (this.o.ingestFor(site).known(key)) return site;
    switch (entry.kind) {
      case 'scan':
        return this.scanSite(entry.scan);
      case 'epcis':
        return this.epcisSite(entry.event);
      default:
        throw new HttpError(
          400,
          `${entry.kind} messages are not taken on a network run (scans and EPCIS events are)`,
        );
    }
  }

  /** The site of each GLN given in the network, and their list for messages. */
  private glns(): { bySite: Map<string, string>; text: string } {
    const net = this.o.network();
    const bySite = new Map<string, string>();
    for (const s of net.sites) if (s.gln !== undefined) bySite.set(s.gln, s.name);
    const text = net.sites.map((s) => `${s.name} ${s.gln ?? '(no GLN)'}`).join(', ');
    return { bySite, text };
  }

  /**
   * Why an EPCIS event's locations are not this network's: a GLN of no site, readPoint and
   * bizLocation at two sites, or neither naming a site (nothing to route it by). JSON pointers.
   */
  locationProblems(e: Record<string, unknown>): { path: string; message: string }[] {
    const { bySite, text } = this.glns();
    const out: { path: string; message: string }[] = [];
    const where: { path: string; site: string }[] = [];
    for (const l of epcisLocations(e)) {
      const gln = epcKeys(l.id).gln;
      if (gln === undefined) continue;
      const site = bySite.get(gln);
      if (site === undefined)
        out.push({
          path: l.path,
          message: `${l.id} is a location of no site of network ${this.o.network().name} (GLN ${gln}; sites: ${text})`,
        });
      else if (l.path === '/readPoint/id' || l.path === '/bizLocation/id') where.push({ path: l.path, site });
    }
    if (where.length === 2 && where[0]!.site !== where[1]!.site)
      out.push({
        path: '/bizLocation/id',
        message: `readPoint is at site ${where[0]!.site} but bizLocation at ${where[1]!.site}: one event happens at one site`,
      });
    if (where.length === 0 && out.length === 0)
      out.push({
        path: '/bizLocation/id',
        message: `a network run routes an event by the GLN of its readPoint or bizLocation (an SGLN or GLN Digital Link; sites: ${text}); this event names none`,
      });
    return out;
  }

  private epcisSite(e: Record<string, unknown>): string {
    const problems = this.locationProblems(e);
    if (problems.length > 0)
      throw new HttpError(
        422,
        `EPCIS event refused: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
        {
          error: 'EPCIS event refused',
          problems,
        },
      );
    const { bySite } = this.glns();
    for (const l of epcisLocations(e)) {
      const gln = epcKeys(l.id).gln;
      if ((l.path === '/readPoint/id' || l.path === '/bizLocation/id') && gln !== undefined)
        return bySite.get(gln)!;
    }
    throw new HttpError(422, 'EPCIS event refused: it names no site to go to');
  }

  private scanSite(scan: ScanMessage): string {
    const home = this.homeSite(scan.device);
    const loc = scanLocation(scan.raw);
    if (loc?.gln !== undefined) {
      const { bySite, text } = this.glns();
      const site = bySite.get(loc.gln);
      if (site === undefined)
        throw new HttpError(
          422,
          `scan ${scan.clientEventId}: location GLN ${loc.gln} is of no site of network ${this.o.network().name} (sites: ${text})`,
        );
      this.lastLocation.set(scan.device, site);
      return site;
    }
    if (loc) {
      this.lastLocation.set(scan.device, home);
      return home;
    }
    // An item or a quantity: where the device's sequence is under way, the site of its last
    // location scan first (after a restart, which forgets it: its own site first).
    const inProgress = (site: string): boolean =>
      this.o.runner.sites().includes(site) &&
      this.o.runner.read(site, (engine) => scanInProgress(engine, scan.device));
    const last = this.lastLocation.get(scan.device);
    if (last !== undefined && inProgress(last)) return last;
    if (inProgress(home)) return home;
    return this.o.runner.sites().find((s) => s !== home && inProgress(s)) ?? home;
  }

  /** The site a device works at: 403 when it has none, or one the current network lacks. */
  private homeSite(device: string): string {
    const d = this.o.devices.get(device);
    const sites = this.o.runner.sites();
    if (d?.site === undefined)
      throw new HttpError(
        403,
        `device ${device} works at no site: register it again with "site" (one of ${sites.join(', ')})`,
      );
    if (!sites.includes(d.site))
      throw new HttpError(
        403,
        `device ${device} is registered at site ${d.site}, which network ${this.o.network().name} does not have (sites: ${sites.join(', ')})`,
      );
    return d.site;
  }
}
