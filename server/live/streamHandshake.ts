import { performance } from 'node:perf_hooks';
import type { ViewState } from '../../sim/viewApi.ts';
import type { LiveSocket } from './streamRooms.ts';

// What a connection asks for and how often it is answered: the site and zone of the handshake,
// the snapshot pacer, and zod issues as one line for replies.

/**
 * Least wall time between two snapshots to one socket. A snapshot of demo-dc is ~200 KB; asked
 * for by a 58-byte `view.resync`, it was an amplifier (1,000 resyncs made the server send 203 MB).
 * Requests inside the window are coalesced into one snapshot at its end.
 */
export const SNAPSHOT_MIN_INTERVAL_MS = 1000;

/**
 * Sends at most one snapshot per SNAPSHOT_MIN_INTERVAL_MS: the first request at once, later
 * ones coalesced into a single send when the window ends (built then, so it is current).
 */
export function snapshotPacer(send: () => void): { request: () => void; cancel: () => void } {
  let last = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | null = null;
  const fire = (): void => {
    timer = null;
    last = performance.now();
    send();
  };
  return {
    request: () => {
      if (timer) return;
      const wait = last + SNAPSHOT_MIN_INTERVAL_MS - performance.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/**
 * The site asked for in the handshake (`auth.site` or `?site=`): absent → the first site; one
 * not served → null (the welcome says so and lists the sites; the socket joins no room).
 */
export function siteFromHandshake(socket: LiveSocket, sites: readonly string[]): string | null {
  const auth = socket.handshake.auth as { site?: unknown } | undefined;
  const s = auth?.site ?? socket.handshake.query['site'];
  if (typeof s !== 'string' || s === '') return sites[0] ?? null;
  return sites.includes(s) ? s : null;
}

/** The zone asked for in the handshake (`auth.zone` or `?zone=`), if it exists; else the whole site. */
export function zoneFromHandshake(socket: LiveSocket, view: ViewState): string | null {
  const auth = socket.handshake.auth as { zone?: unknown } | undefined;
  const z = auth?.zone ?? socket.handshake.query['zone'];
  return typeof z === 'string' && view.zones.some((x) => x.id === z) ? z : null;
}

/** Zod issues as one line (`path: message; …`), for a reply to the client. */
export function issuesText(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(message)'}: ${i.message}`)
    .join('; ');
}
